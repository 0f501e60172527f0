"""A poll's buttons in a member's direct message.

A rating replaces the message (through the interaction's response URL, so the answer's token never passes
through the database) with what was recorded and the buttons to change it; a refusal comes as a separate
note and leaves the message as it was. "Add a comment" opens the comment form.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.listeners.reply import button, message, show
from commands.context import Invocation
from participation.messages import Reply


def _rate(invocation: Invocation, action: dict[str, Any], _body: dict[str, Any]) -> Reply:
    from commands.interactions.poll_answer import answer_click  # on first use (bot/listeners/warm.py)

    return answer_click(invocation, str(action.get("action_id", "")), str(action.get("value", "")))


def _replace_message(
    invocation: Invocation, _body: dict[str, Any], _client: WebClient, respond: Respond, reply: Reply
) -> None:
    if reply.error:
        respond(replace_original=False, response_type="ephemeral", **message(reply, invocation))
    else:
        respond(replace_original=True, **message(reply, invocation))


def _comment(invocation: Invocation, action: dict[str, Any], body: dict[str, Any]) -> Reply:
    """The form needs the message it came from, to replace it once the comment is saved."""
    from commands.interactions.poll_answer import comment_form

    container = body.get("container") or {}
    channel = str(container.get("channel_id") or (body.get("channel") or {}).get("id") or "")
    ts = str(container.get("message_ts") or (body.get("message") or {}).get("ts") or "")
    return comment_form(invocation, str(action.get("value", "")), channel, ts)


handle_poll_answer = button(_rate, _replace_message)
handle_poll_comment = button(_comment, show)
