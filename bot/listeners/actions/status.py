"""The status message's buttons: drill into a priority and back, replacing the message in place.

A button's value comes back from Slack as the user sent it, so it is parsed as untrusted input.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.listeners.reply import button, message
from commands.context import Invocation
from commands.ids import PRIORITY_ACTION
from participation.messages import Reply


def _drill(invocation: Invocation, action: dict[str, Any], _body: dict[str, Any]) -> Reply:
    """`Details` carries "<priority>:<year>"; `Back to the overview` carries the year."""
    from commands.status import status  # on first use (bot/listeners/warm.py)

    value = str(action.get("value", ""))
    words = value.split(":") if action.get("action_id") == PRIORITY_ACTION else [value]
    return status(invocation, [word for word in words if word])


def _in_place(
    invocation: Invocation, body: dict[str, Any], _client: WebClient, respond: Respond, reply: Reply
) -> None:
    """The message itself changes; the App Home tab, which has no message to change, is left alone."""
    if body.get("view") is not None:
        return
    respond(replace_original=not reply.error, response_type="ephemeral", **message(reply, invocation))


handle_status_button = button(_drill, _in_place)
