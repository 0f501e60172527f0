"""The status message's buttons: drill into a priority and back, replacing the message in place.

A button's value comes back from Slack as the user sent it, so it is parsed as untrusted input.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.reply import answer, invocation_for, message, user_of
from commands.status import PRIORITY_ACTION, status


def handle_status_button(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    """`Details` carries "<priority>:<year>"; `Back to the overview` carries the year."""
    ack()
    value = str(action.get("value", ""))
    words = value.split(":") if action.get("action_id") == PRIORITY_ACTION else [value]
    invocation = invocation_for(context, client, user_of(body))
    reply = answer(invocation, lambda: status(invocation, [word for word in words if word]))
    if body.get("view") is not None:
        return
    respond(replace_original=not reply.error, response_type="ephemeral", **message(reply, invocation))
