"""The confirm buttons, in reminders, in `mine` and on the App Home tab: open the indicator's form, open
the form that asks for the indicator, or confirm a yes/no indicator there and then.

A button's value comes back from Slack as the user sent it, so it is checked like typed input; the
same rules apply as to `/osallisuus confirm`.
"""

from __future__ import annotations

from bot.listeners.reply import button, show, tell_in_place
from commands.confirm import choose, open_from_button, quick_yes

handle_open = button(lambda who, action, _body: open_from_button(who, str(action.get("value", ""))), show)
handle_choose = button(lambda who, _action, _body: choose(who), show)
# In a reminder, the outcome replaces the reminder; a refusal comes as a new message beside it.
handle_yes = button(lambda who, action, _body: quick_yes(who, str(action.get("value", ""))), tell_in_place)
