"""A poll's buttons in a member's direct message.

A rating replaces the message (through the interaction's response URL, so the answer's token never passes
through the database) with what was recorded and the buttons to change it; a refusal comes as a separate
note and leaves the message as it was. "Add a comment" opens the comment form.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.reply import answer, invocation_for, message, show, user_of
from commands.poll_answer import answer_click, comment_form


def handle_poll_answer(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    ack()
    invocation = invocation_for(context, client, user_of(body))
    action_id, value = str(action.get("action_id", "")), str(action.get("value", ""))
    reply = answer(invocation, lambda: answer_click(invocation, action_id, value))
    if reply.error:
        respond(replace_original=False, response_type="ephemeral", **message(reply, invocation))
    else:
        respond(replace_original=True, **message(reply, invocation))


def handle_poll_comment(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    ack()
    invocation = invocation_for(context, client, user_of(body))
    container = body.get("container") or {}
    channel = str(container.get("channel_id") or (body.get("channel") or {}).get("id") or "")
    ts = str(container.get("message_ts") or (body.get("message") or {}).get("ts") or "")
    value = str(action.get("value", ""))
    reply = answer(invocation, lambda: comment_form(invocation, value, channel, ts))
    show(invocation, body, client, respond, reply)
