"""The confirm buttons, in reminders, in `mine` and on the App Home tab: open the indicator's form, open
the form that asks for the indicator, or confirm a yes/no indicator there and then.

A button's value comes back from Slack as the user sent it, so it is checked like typed input; the
same rules apply as to `/osallisuus confirm`.
"""

from __future__ import annotations

from typing import Any

from bot.listeners.reply import button, show, tell_in_place
from commands.context import Invocation
from participation.messages import Reply

# Each command is imported when its button is first pressed, if the warm-up has not loaded it yet
# (bot/listeners/warm.py): the worker is healthy before the commands are loaded.


def _open(who: Invocation, action: dict[str, Any], _body: dict[str, Any]) -> Reply:
    from commands.confirm import open_from_button

    return open_from_button(who, str(action.get("value", "")))


def _choose(who: Invocation, _action: dict[str, Any], _body: dict[str, Any]) -> Reply:
    from commands.confirm_form import choose

    return choose(who)


def _yes(who: Invocation, action: dict[str, Any], _body: dict[str, Any]) -> Reply:
    from commands.confirm import quick_yes

    return quick_yes(who, str(action.get("value", "")))


handle_open = button(_open, show)
handle_choose = button(_choose, show)
# In a reminder, the outcome replaces the reminder; a refusal comes as a new message beside it.
handle_yes = button(_yes, tell_in_place)
