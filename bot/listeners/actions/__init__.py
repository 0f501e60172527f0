from slack_bolt import App

from bot.listeners.actions.rsvp import handle_rsvp
from bot.listeners.actions.status import handle_status_overview, handle_status_priority
from commands.status import OVERVIEW_ACTION, PRIORITY_ACTION
from meetings.notify import RSVP_NO, RSVP_YES


def register(app: App) -> None:
    app.action(PRIORITY_ACTION)(handle_status_priority)
    app.action(OVERVIEW_ACTION)(handle_status_overview)
    app.action(RSVP_YES)(handle_rsvp)
    app.action(RSVP_NO)(handle_rsvp)
