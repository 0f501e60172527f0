from slack_bolt import App

from bot.listeners.actions.rsvp import handle_rsvp
from bot.listeners.actions.status import handle_status_button
from commands.status import OVERVIEW_ACTION, PRIORITY_ACTION
from meetings.notify import RSVP_NO, RSVP_YES


def register(app: App) -> None:
    app.action(PRIORITY_ACTION)(handle_status_button)
    app.action(OVERVIEW_ACTION)(handle_status_button)
    app.action(RSVP_YES)(handle_rsvp)
    app.action(RSVP_NO)(handle_rsvp)
