"""The stand-in's directory methods, paged with cursors as Slack pages them: users.list,
users.conversations and conversations.members."""

from __future__ import annotations

import base64
from typing import Any

from devtools.localslack.wire import Json


def cursor_page(key: str, items: list[Any], args: Json) -> Json:
    """One page of `items`: at most `limit` (Slack's default 100, at most 1000), and
    `response_metadata.next_cursor` naming the next page ("" on the last)."""
    cursor = str(args.get("cursor") or "")
    try:
        limit = min(max(int(args.get("limit") or 100), 1), 1000)
        start = int(base64.urlsafe_b64decode(cursor.encode()).decode().removeprefix("next:")) if cursor else 0
    except ValueError:
        return {"ok": False, "error": "invalid_cursor" if cursor else "invalid_limit"}
    end = start + limit
    following = base64.urlsafe_b64encode(f"next:{end}".encode()).decode() if end < len(items) else ""
    return {"ok": True, key: items[start:end], "response_metadata": {"next_cursor": following}}


def members(channels: dict[str, list[str]], args: Json) -> Json:
    """conversations.members: a page of the channel's member ids."""
    channel = str(args.get("channel"))
    if channel not in channels:
        return {"ok": False, "error": "channel_not_found"}
    return cursor_page("members", list(channels[channel]), args)


def users_list(users: dict[str, Json], args: Json) -> Json:
    """users.list: a page of the workspace's users, the bot included."""
    return cursor_page("members", [dict(user) for user in users.values()], args)


def users_conversations(channels: dict[str, list[str]], bot_user_id: str, args: Json) -> Json:
    """users.conversations: a page of the channels the user (the bot, when not given) is in."""
    user = str(args.get("user") or bot_user_id)
    found = [{"id": channel, "is_member": True} for channel, people in channels.items() if user in people]
    return cursor_page("channels", found, args)
