from slack_bolt import App

from bot.listeners.views.forms import handle_submission
from commands.interactions.forms import SUBMISSIONS


def register(app: App) -> None:
    for callback_id in SUBMISSIONS:
        app.view(callback_id)(handle_submission)
