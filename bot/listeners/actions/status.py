"""The status message's buttons: drill into a priority and back, replacing the message in place.

A button's value comes back from Slack as the user sent it, so it is parsed as untrusted input.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.reply import answer, invocation_for, message
from commands.status import status


def handle_status_priority(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    ack()
    number, _, year = str(action.get("value", "")).partition(":")
    _show(body, context, client, respond, [number, year])


def handle_status_overview(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    ack()
    _show(body, context, client, respond, [str(action.get("value", ""))])


def _show(
    body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond, args: list[str]
) -> None:
    invocation = invocation_for(context, client, str((body.get("user") or {}).get("id", "")))
    words = [arg for arg in args if arg]
    reply = answer(invocation, lambda: status(invocation, words))
    if body.get("view") is not None:
        return
    respond(replace_original=not reply.error, response_type="ephemeral", **message(reply, invocation))
