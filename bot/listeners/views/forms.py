"""A submitted form. What was typed is checked before the acknowledgement, so field errors go back into
the modal; everything else happens after it, since Slack waits only three seconds.

On success the form closes at once, the work (`Submission.then`) runs, and the person gets its outcome
(or its refusal, if something changed meanwhile) as a direct message through the outbox, keyed by the
view so that a repeated submission is told once. That key is one per form filled in: Slack gives every
modal it opens an id of its own and keeps it only while the modal is changed (its steps, its field
errors), and a modal is told at most once, since telling closes it. An outcome that belongs in one of
the bot's messages (`Submission.replaces`) is shown there instead. A form in steps shows a short wait
in place of the submitted step, and its next step replaces the wait once it is made.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError

from bot.blocks import plain_text, render
from bot.forms import modal, shown, values
from bot.listeners.reply import answer, answered, invocation_for, runtime_of, update_message
from commands.context import Invocation
from commands.working import working_text
from participation.messages import Reply, Submission, notice
from participation.outbox.items import Kind, enqueue, fixed_reply

log = logging.getLogger(__name__)


def handle_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    with runtime_of(context).handling():
        user_id = str((body.get("user") or {}).get("id", ""))
        invocation = invocation_for(context, client, user_id)
        outcome = _checked(invocation, view)
        if outcome is None:
            ack()
        elif outcome.errors:
            ack(response_action="errors", errors={k: plain_text(v) for k, v in outcome.errors.items()})
        elif outcome.form is not None:
            ack(response_action="update", view=modal(outcome.form))
        elif outcome.next_step and outcome.then is not None:
            ack(response_action="update", view=_waiting(invocation, view))
            _next_step(invocation, client, view, answer(invocation, outcome.then))
        else:
            ack()
            reply = answer(invocation, outcome.then) if outcome.then is not None else outcome.reply
            _tell(invocation, client, view, outcome, reply)
        answered(context, user_id)


def _checked(invocation: Invocation, view: dict[str, Any]) -> Submission | None:
    """The form's own checks; an unexpected failure is logged and shown in the form as an apology."""
    from commands.interactions.forms import SUBMISSIONS  # on first use (bot/listeners/warm.py)

    submit = SUBMISSIONS.get(str(view.get("callback_id")))
    if submit is None:
        return None
    try:
        return submit(invocation, values(view), str(view.get("private_metadata") or ""))
    except Exception:
        log.exception("form %s failed", view.get("callback_id"))
        return Submission(errors={_first_block(view): _sorry(invocation)})


def _tell(
    invocation: Invocation, client: WebClient, view: dict[str, Any], outcome: Submission, reply: Reply | None
) -> None:
    if reply is None:
        return
    if outcome.replaces is not None and not reply.error:
        update_message(invocation, client, outcome.replaces, reply)
        return
    with invocation.db.session() as session:
        payload = fixed_reply(invocation.user_id, reply)
        enqueue(session, f"form:{view.get('id')}:{invocation.user_id}", Kind.MESSAGE, payload)
    invocation.on_commit()


def _waiting(invocation: Invocation, view: dict[str, Any]) -> dict[str, Any]:
    title = str((view.get("title") or {}).get("text") or "")
    return shown(title, invocation._("Close"), render(notice(working_text(invocation._)), invocation._))


def _next_step(invocation: Invocation, client: WebClient, view: dict[str, Any], reply: Reply | None) -> None:
    """The next step in place of the wait. The submitted view's hash is left out: the acknowledgement
    changed the view, so that hash is stale and Slack would refuse the update with `hash_conflict`."""
    reply = reply or notice(_sorry(invocation), error=True)
    title = str((view.get("title") or {}).get("text") or "")
    step = (
        modal(reply.form)
        if reply.form is not None
        else shown(title, invocation._("Close"), render(reply, invocation._))
    )
    try:
        client.views_update(view_id=str(view.get("id") or ""), view=step)
    except (SlackClientError, OSError) as error:  # closed meanwhile: there is nothing left to show it in
        log.warning("could not show a form's next step: %s", type(error).__name__)


def _sorry(invocation: Invocation) -> str:
    return invocation._(
        "Something went wrong on my side and nothing was changed. Please try again in a moment."
    )


def _first_block(view: dict[str, Any]) -> str:
    for block in view.get("blocks") or []:
        if block.get("type") == "input":
            return str(block.get("block_id"))
    return "value"
