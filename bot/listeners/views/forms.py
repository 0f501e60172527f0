"""A submitted form: field errors go back into the modal; a form in steps shows its next step in place;
on success it closes and the person gets the outcome as a direct message, through the outbox (keyed by
the view, so a repeated submission is told once)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.blocks import plain_text
from bot.forms import modal, values
from bot.listeners.reply import answered, invocation_for, runtime_of
from commands.interactions.forms import SUBMISSIONS
from participation.messages import Submission
from participation.outbox.items import Kind, enqueue, fixed_reply

log = logging.getLogger(__name__)


def handle_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    user_id = str((body.get("user") or {}).get("id", ""))
    _handle(ack, user_id, view, context, client)
    answered(context, user_id)


def _handle(ack: Ack, user_id: str, view: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    invocation = invocation_for(context, client, user_id)
    submit = SUBMISSIONS.get(str(view.get("callback_id")))
    try:
        outcome = (
            submit(invocation, values(view), str(view.get("private_metadata") or "")) if submit else None
        )
    except Exception:
        log.exception("form %s failed", view.get("callback_id"))
        outcome = Submission(
            errors={
                _first_block(view): invocation._(
                    "Something went wrong on my side and nothing was changed. Please try again in a moment."
                )
            }
        )
    if outcome is None:
        ack()
        return
    if outcome.errors:
        ack(response_action="errors", errors={k: plain_text(v) for k, v in outcome.errors.items()})
        return
    if outcome.form is not None:
        ack(response_action="update", view=modal(outcome.form))
        return
    ack()
    if outcome.reply is not None:
        runtime = runtime_of(context)
        with runtime.db.session() as session:
            payload = fixed_reply(user_id, outcome.reply)
            enqueue(session, f"form:{view.get('id')}:{user_id}", Kind.MESSAGE, payload)
        runtime.changed()


def _first_block(view: dict[str, Any]) -> str:
    for block in view.get("blocks") or []:
        if block.get("type") == "input":
            return str(block.get("block_id"))
    return "value"
