"""`/osallisuus <subcommand>`: answered in the acknowledgement itself, visible only to the one who asked."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.listeners.reply import answer, invocation_for, message
from commands import router


def handle_osallisuus(ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    invocation = invocation_for(context, client, str(command.get("user_id", "")))
    reply = answer(invocation, lambda: router.run(invocation, str(command.get("text") or "")))
    ack(response_type="ephemeral", **message(reply, invocation))
