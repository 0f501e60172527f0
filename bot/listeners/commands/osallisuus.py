"""`/osallisuus <subcommand>`: answered in the acknowledgement itself, visible only to the one who asked;
a subcommand that needs a form opens it as a modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.reply import answer, answered, invocation_for, message, open_form
from commands import router


def handle_osallisuus(
    ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    invocation = invocation_for(context, client, str(command.get("user_id", "")), command.get("channel_id"))
    reply = answer(invocation, lambda: router.run(invocation, str(command.get("text") or "")))
    if reply.form is None:
        ack(response_type="ephemeral", **message(reply, invocation))
    else:
        ack()
        failed = open_form(invocation, client, str(command.get("trigger_id", "")), reply.form)
        if failed is not None:
            respond(response_type="ephemeral", **message(failed, invocation))
    answered(context, invocation.user_id)
