from slack_bolt import App

from bot.listeners.views.forms import handle_submission
from commands.ids import FORMS


def register(app: App) -> None:
    for callback_id in FORMS:
        app.view(callback_id)(handle_submission)
