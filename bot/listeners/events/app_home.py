"""The App Home tab: the dashboard for the person who opens it, their own indicators first."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.blocks import MAX_HOME_BLOCKS, render
from bot.listeners.reply import answer, answered, invocation_for


def handle_app_home_opened(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    from commands.interactions.home import home  # on first use (bot/listeners/warm.py)

    if event.get("tab") != "home":
        return
    user_id = str(event.get("user", ""))
    invocation = invocation_for(context, client, user_id)
    reply = answer(invocation, lambda: home(invocation))
    client.views_publish(
        user_id=user_id,
        view={"type": "home", "blocks": render(reply, invocation._, limit=MAX_HOME_BLOCKS)},
    )
    answered(context, user_id)
