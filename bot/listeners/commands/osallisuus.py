"""`/osallisuus <subcommand>`: answered in the acknowledgement itself, visible only to the one who asked.

A quick subcommand (it reads or writes the database only) is answered there and then. A slow one (it
sends invitations, builds files or asks Slack) is acknowledged with a "working on it" note; its work runs
after the acknowledgement and its answer replaces the note. A subcommand that needs a form opens it as
a modal, after the acknowledgement too: nothing here asks Slack before Slack has its answer.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.reply import answer, answered, follow_up, invocation_for, message, open_form, runtime_of


def handle_osallisuus(
    ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    from commands import router  # every subcommand: loaded by the warm-up, or here (bot/listeners/warm.py)

    with runtime_of(context).handling():
        invocation = invocation_for(
            context, client, str(command.get("user_id", "")), command.get("channel_id")
        )
        reply = answer(invocation, lambda: router.run(invocation, str(command.get("text") or "")))
        if reply.form is not None:
            ack()
            failed = open_form(invocation, client, str(command.get("trigger_id", "")), reply.form)
            if failed is not None:
                respond(response_type="ephemeral", **message(failed, invocation))
        else:
            ack(response_type="ephemeral", **message(reply, invocation))
            if reply.later is not None:
                follow_up(invocation, respond, answer(invocation, reply.later))
        answered(context, invocation.user_id)
