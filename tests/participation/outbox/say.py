"""A short message for the outbox tests: a fixed text to a person or a channel."""

from __future__ import annotations

from typing import Any

from participation.messages import notice
from participation.outbox.items import fixed_reply


def say(to: str, text: str, thread_ts: str | None = None) -> dict[str, Any]:
    return fixed_reply(to, notice(text), thread=thread_ts)
