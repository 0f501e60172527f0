from slack_bolt import App

from bot.listeners.actions.status import handle_status_overview, handle_status_priority
from commands.status import OVERVIEW_ACTION, PRIORITY_ACTION


def register(app: App) -> None:
    app.action(PRIORITY_ACTION)(handle_status_priority)
    app.action(OVERVIEW_ACTION)(handle_status_overview)
