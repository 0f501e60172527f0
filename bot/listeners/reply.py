"""Turning a command's reply into what Slack is sent, and keeping tracebacks away from people."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.blocks import render
from bot.runtime import Runtime
from commands.context import Invocation
from commands.replies import Reply, notice

log = logging.getLogger(__name__)


def runtime_of(context: BoltContext) -> Runtime:
    runtime = context["runtime"]
    assert isinstance(runtime, Runtime)
    return runtime


def answer(invocation: Invocation, work: Callable[[], Reply]) -> Reply:
    """Run a command; an unexpected failure is logged and the person gets a short apology instead."""
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
    return {"text": reply.summary, "blocks": render(reply, invocation._)}


def invocation_for(
    context: BoltContext, client: WebClient, user_id: str, channel_id: str | None = None
) -> Invocation:
    return runtime_of(context).invocation(user_id, client, channel_id)
