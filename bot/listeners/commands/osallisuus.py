"""`/osallisuus <subcommand>`: answered in the acknowledgement itself, visible only to the one who asked;
a subcommand that needs a form opens it as a modal."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.forms import modal
from bot.listeners.reply import answer, invocation_for, message
from commands import router
from commands.replies import notice

log = logging.getLogger(__name__)


def handle_osallisuus(
    ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    invocation = invocation_for(context, client, str(command.get("user_id", "")), command.get("channel_id"))
    reply = answer(invocation, lambda: router.run(invocation, str(command.get("text") or "")))
    if reply.form is None:
        ack(response_type="ephemeral", **message(reply, invocation))
        return
    ack()
    try:
        client.views_open(trigger_id=str(command.get("trigger_id", "")), view=modal(reply.form))
    except SlackApiError as error:
        log.warning("views.open failed: %s", error.response.get("error"))
        failed = notice(invocation._("I could not open the form. Please try again."), error=True)
        respond(response_type="ephemeral", **message(failed, invocation))
