"""The ids of the commands' buttons and forms, in a module that imports no command.

The Slack listeners are registered by these ids when the worker starts, before the commands themselves
are loaded (they load beside the first requests, `bot.listeners.warm`): routing a request needs only its
id, and the handler imports the command it runs when it runs it.
"""

from __future__ import annotations

from participation.polls.messages import COMMENT_FORM as COMMENT_FORM  # the poll's own form

OVERVIEW_ACTION = "status_overview"
PRIORITY_ACTION = "status_priority"
ANYWAY_ACTION = "meeting_anyway"
DROP_ACTION = "meeting_anyway_cancel"
IMPORT_ACTION = "plan_import"

CHOOSE_FORM = "confirm_choose"
VALUE_FORM = "confirm_value"
NEW_FORM = "meeting_new"
MOVE_FORM = "meeting_move"
CANCEL_FORM = "meeting_cancel"
PLAN_FORM = "meetings_plan"
NOTE_FORM = "highlight_note"
# Every form a submission comes back from: `commands.interactions.forms.SUBMISSIONS` answers each.
FORMS = (CHOOSE_FORM, VALUE_FORM, NEW_FORM, MOVE_FORM, CANCEL_FORM, PLAN_FORM, NOTE_FORM, COMMENT_FORM)
