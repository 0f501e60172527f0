"""The RSVP buttons on a meeting's announcement; the answer is shown only to the one who clicked."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.reply import answer, invocation_for, message, user_of
from commands.rsvp import rsvp
from meetings.notify import RSVP_YES


def handle_rsvp(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    ack()
    invocation = invocation_for(context, client, user_of(body))
    attending = action.get("action_id") == RSVP_YES
    reply = answer(invocation, lambda: rsvp(invocation, str(action.get("value", "")), attending))
    respond(replace_original=False, response_type="ephemeral", **message(reply, invocation))
