"""One folder per kind of Slack request, in the habit of Slack's bolt-python starter template."""

from slack_bolt import App

from bot.listeners import actions, commands, events, views


def register_listeners(app: App) -> None:
    commands.register(app)
    actions.register(app)
    events.register(app)
    views.register(app)
