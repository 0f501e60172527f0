from slack_bolt import App

from bot.listeners.actions.confirm import handle_choose, handle_open, handle_yes
from bot.listeners.actions.meeting_anyway import handle_anyway, handle_drop
from bot.listeners.actions.plan_import import handle_plan_import
from bot.listeners.actions.poll import handle_poll_answer, handle_poll_comment
from bot.listeners.actions.rsvp import handle_rsvp
from bot.listeners.actions.status import handle_status_button
from commands.ids import ANYWAY_ACTION, DROP_ACTION, IMPORT_ACTION, OVERVIEW_ACTION, PRIORITY_ACTION
from participation.confirmations.actions import CHOOSE_ACTION, OPEN_ACTION, YES_ACTION
from participation.meetings.notify import RSVP_NO, RSVP_YES
from participation.polls.messages import ANSWER_ACTIONS, COMMENT_ACTION


def register(app: App) -> None:
    app.action(PRIORITY_ACTION)(handle_status_button)
    app.action(OVERVIEW_ACTION)(handle_status_button)
    app.action(RSVP_YES)(handle_rsvp)
    app.action(RSVP_NO)(handle_rsvp)
    app.action(ANSWER_ACTIONS)(handle_poll_answer)
    app.action(COMMENT_ACTION)(handle_poll_comment)
    app.action(OPEN_ACTION)(handle_open)
    app.action(CHOOSE_ACTION)(handle_choose)
    app.action(YES_ACTION)(handle_yes)
    app.action(ANYWAY_ACTION)(handle_anyway)
    app.action(DROP_ACTION)(handle_drop)
    app.action(IMPORT_ACTION)(handle_plan_import)
