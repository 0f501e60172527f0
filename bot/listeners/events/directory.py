"""Slack's member and user events keep the directory current between syncs.

Bolt acknowledges an event before its listener runs, so the Slack reads some of them lead to (a channel
the bot just joined, a person not yet known) never delay the acknowledgement.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.listeners.reply import runtime_of


def handle_member_joined(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    channel, user = str(event.get("channel") or ""), str(event.get("user") or "")
    if channel and user:
        runtime_of(context).directory_sync(client).joined(channel, user, context.bot_user_id)


def handle_member_left(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    channel, user = str(event.get("channel") or ""), str(event.get("user") or "")
    if channel and user:
        runtime_of(context).directory_sync(client).left(channel, user, context.bot_user_id)


def handle_user(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    """`user_change` and `team_join` carry the whole user object: a new name, locale, address, a
    deactivation, or a new person."""
    user = event.get("user")
    if isinstance(user, dict):
        runtime_of(context).directory_sync(client).store(user)
