from slack_bolt import App

from bot.listeners.commands.osallisuus import handle_osallisuus

COMMAND = "/osallisuus"


def register(app: App) -> None:
    app.command(COMMAND)(handle_osallisuus)
