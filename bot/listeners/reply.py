"""Turning a command's reply into what Slack is sent, and keeping tracebacks away from people.

Slack waits three seconds for a request's acknowledgement, so every listener acknowledges before it asks
Slack anything: a command's quick answer is the acknowledgement itself, and slow work (`Reply.later`,
`Submission.then`) runs after it, its reply sent through the response URL or as a direct message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.blocks import message_text, render
from bot.forms import modal
from bot.replay import carried_out_once, who_read
from bot.runtime import Runtime
from commands.context import Invocation
from participation.messages import Form, Reply, notice
from participation.outbox.items import Kind, enqueue, fixed_reply

log = logging.getLogger(__name__)
# The block that marks a "working on it" note, which the answer of the work after the ack replaces.
WORKING_BLOCK = "working"
_R = TypeVar("_R")


def runtime_of(context: BoltContext) -> Runtime:
    runtime = context["runtime"]
    assert isinstance(runtime, Runtime)
    return runtime


def answer(invocation: Invocation, work: Callable[[], _R]) -> _R | Reply:
    """Run a command, or the work after the ack; an unexpected failure is logged (once, with its
    traceback) and the person gets a short apology instead."""
    try:
        return work()
    except Exception:
        log.exception("command failed for %s", invocation.user_id)
        return notice(
            invocation._(
                "Something went wrong on my side and nothing was changed. Please try again in a moment."
            ),
            error=True,
        )


def message(reply: Reply, invocation: Invocation) -> dict[str, Any]:
    """What Slack is sent for a reply: its text and its blocks, escaped by `bot.blocks` alone."""
    blocks = render(reply, invocation._)
    if reply.later is not None and blocks:
        blocks[0]["block_id"] = WORKING_BLOCK
    return {"text": message_text(reply), "blocks": blocks}


def follow_up(invocation: Invocation, respond: Respond, reply: Reply) -> None:
    """The answer of the work after a command's ack: in place of the "working on it" note where Slack
    allows it, else as a new message that only the person sees."""
    sent = message(reply, invocation)
    try:
        if respond(replace_original=True, response_type="ephemeral", **sent).status_code == 200:
            return
        respond(replace_original=False, response_type="ephemeral", **sent)
    except (SlackClientError, OSError) as error:
        log.warning("a command's answer could not be sent: %s", type(error).__name__)


def update_message(invocation: Invocation, client: WebClient, place: tuple[str, str], reply: Reply) -> None:
    """Show `reply` in place of the bot's message at (channel, ts). The change is stored already, so a
    failure here is only logged, without the person or what they said."""
    channel, ts = place
    try:
        client.chat_update(
            channel=channel, ts=ts, text=message_text(reply), blocks=render(reply, invocation._)
        )
    except (SlackApiError, SlackClientError, OSError) as error:
        log.warning("could not update a message after a form: %s", type(error).__name__)


def invocation_for(
    context: BoltContext, client: WebClient, user_id: str, channel_id: str | None = None
) -> Invocation:
    return runtime_of(context).invocation(
        user_id, channel_id, context.bot_user_id, who_read(context, user_id)
    )


def answered(context: BoltContext, user_id: str) -> None:
    """Call once the person has their answer (after the ack): a stale directory entry is refreshed then,
    in the background, so no answer ever waits on Slack for it."""
    runtime_of(context).answered(user_id)


def user_of(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("id", ""))


def open_form(invocation: Invocation, client: WebClient, trigger_id: str, form: Form) -> Reply | None:
    """Open a form as a modal; on failure, the note to show instead."""
    try:
        client.views_open(trigger_id=trigger_id, view=modal(form))
    except SlackApiError as error:
        log.warning("views.open failed: %s", error.response.get("error"))
        return notice(invocation._("I could not open the form. Please try again."), error=True)
    return None


def show(
    invocation: Invocation,
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    reply: Reply,
    replace: bool = False,
) -> None:
    """A button's outcome: a form opens as a modal, anything else is told to the person who clicked."""
    if reply.form is not None:
        failed = open_form(invocation, client, str(body.get("trigger_id", "")), reply.form)
        if failed is None:
            return
        reply, replace = failed, False
    tell(invocation, body, respond, reply, replace)


def tell(invocation: Invocation, body: dict[str, Any], respond: Respond, reply: Reply, replace: bool) -> None:
    """Through the message's response_url; from the App Home tab, which has none, as a direct message
    through the outbox (keyed by the click, so a repeated delivery of the same click is told once)."""
    if body.get("response_url"):
        respond(replace_original=replace, response_type="ephemeral", **message(reply, invocation))
        return
    click = str(body.get("trigger_id") or (body.get("actions") or [{}])[0].get("action_ts") or "")
    payload = fixed_reply(invocation.user_id, reply)
    with invocation.db.session() as session:
        enqueue(session, f"answer:{invocation.user_id}:{click}", Kind.MESSAGE, payload)
    invocation.on_commit()


ButtonWork = Callable[[Invocation, dict[str, Any], dict[str, Any]], Reply]  # (who, action, body)
Deliver = Callable[[Invocation, dict[str, Any], WebClient, Respond, Reply], None]
Listener = Callable[..., None]


def button(work: ButtonWork, deliver: Deliver) -> Listener:
    """A listener for a button: acknowledge at once (Slack waits three seconds), then, on the runtime's
    after-ack threads, run `work` for the person who clicked, a failure becoming an apology rather than
    a traceback, and `deliver` the reply. Bolt's listener thread is free as soon as it has acked, so a
    burst of clicks (a whole network answering a poll) is acked as fast as a bare app acks it. A click
    seen before (a replay) is found out after the ack, and then nothing is done (bot.replay)."""

    def listener(
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        context: BoltContext,
        client: WebClient,
        respond: Respond,
    ) -> None:
        ack()

        def after() -> None:
            if not carried_out_once(context):
                return
            invocation = invocation_for(context, client, user_of(body))
            reply = answer(invocation, lambda: work(invocation, action, body))
            deliver(invocation, body, client, respond, reply)
            answered(context, invocation.user_id)

        runtime_of(context).after_ack(after)

    return listener


def tell_beside(
    invocation: Invocation, body: dict[str, Any], client: WebClient, respond: Respond, reply: Reply
) -> None:
    """A new message beside the one clicked, which stays as it was."""
    tell(invocation, body, respond, reply, replace=False)


def tell_in_place(
    invocation: Invocation, body: dict[str, Any], client: WebClient, respond: Respond, reply: Reply
) -> None:
    """The outcome replaces the message clicked; a refusal comes beside it and leaves the message."""
    tell(invocation, body, respond, reply, replace=not reply.error)
