"""The confirm buttons, in reminders, in `mine` and on the App Home tab: open the indicator's form, open
the form that asks for the indicator, or confirm a yes/no indicator there and then.

A button's value comes back from Slack as the user sent it, so it is checked like typed input; the
same rules apply as to `/osallisuus confirm`.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.reply import answer, invocation_for, show, tell, user_of
from commands.confirm import choose, open_from_button, quick_yes


def handle_open(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    ack()
    invocation = invocation_for(context, client, user_of(body))
    reply = answer(invocation, lambda: open_from_button(invocation, str(action.get("value", ""))))
    show(invocation, body, client, respond, reply)


def handle_choose(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    ack()
    invocation = invocation_for(context, client, user_of(body))
    reply = answer(invocation, lambda: choose(invocation))
    show(invocation, body, client, respond, reply)


def handle_yes(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    """In a reminder, the outcome replaces the reminder; a refusal comes as a new message beside it."""
    ack()
    invocation = invocation_for(context, client, user_of(body))
    reply = answer(invocation, lambda: quick_yes(invocation, str(action.get("value", ""))))
    tell(invocation, body, respond, reply, replace=not reply.error)
