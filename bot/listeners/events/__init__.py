from slack_bolt import App

from bot.listeners.events.app_home import handle_app_home_opened
from bot.listeners.events.directory import handle_member_joined, handle_member_left, handle_user
from bot.listeners.events.plan_files import handle_message


def register(app: App) -> None:
    app.event("app_home_opened")(handle_app_home_opened)
    app.event("member_joined_channel")(handle_member_joined)
    app.event("member_left_channel")(handle_member_left)
    app.event("user_change")(handle_user)
    app.event("team_join")(handle_user)
    app.event("message")(handle_message)
