"""Sending a claimed batch: each conversation's items in order, one after another, and different
conversations side by side on a few threads, since most of a send is waiting for Slack's answer.

Order within a conversation is kept (a thread's parent before its replies), and the transport's pacing
per conversation sees one post at a time. When Slack says to slow down, nothing more is started: what is
in flight finishes, and the rest stays untried (None) for the dispatcher to give back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from participation.outbox.compose import Prepared
from participation.outbox.outgoing import LegacySlackItem, OutgoingFile, OutgoingMessage
from participation.outbox.retry import Failure

Outcome = dict[str, Any] | Failure | None  # what the transport answered, what went wrong, or: not tried
WORKERS = 4  # posts in flight at once: Slack's per-conversation pace is kept by the transport


@dataclass(frozen=True)
class Claimed:
    """An item this dispatcher has taken, composed (or the reason it cannot be)."""

    item_id: int
    key: str
    prepared: Prepared | Failure


def send_all(
    items: list[Claimed], attempt: Callable[[Claimed], Outcome], workers: int = WORKERS
) -> list[Outcome]:
    """Each item's outcome, in the items' order."""
    stop = threading.Event()
    outcomes: dict[int, Outcome] = {}

    def run(group: list[Claimed]) -> None:
        for item in group:
            outcome = None if stop.is_set() else attempt(item)
            if isinstance(outcome, Failure) and outcome.rate_limited:
                stop.set()
            outcomes[item.item_id] = outcome

    groups = _by_conversation(items)
    if workers <= 1 or len(groups) <= 1:
        for group in groups:
            run(group)
    else:
        with ThreadPoolExecutor(min(workers, len(groups)), thread_name_prefix="outbox-send") as pool:
            list(pool.map(run, groups))
    return [outcomes[item.item_id] for item in items]


def _by_conversation(items: list[Claimed]) -> list[list[Claimed]]:
    groups: dict[str, list[Claimed]] = {}
    for item in items:
        groups.setdefault(_conversation(item), []).append(item)
    return list(groups.values())


def _conversation(item: Claimed) -> str:
    prepared = item.prepared
    if isinstance(prepared, OutgoingMessage | OutgoingFile):
        return prepared.to
    if isinstance(prepared, LegacySlackItem):
        return str(prepared.payload.get("channel"))
    return f"#{item.item_id}"  # an e-mail, or nothing to send: on its own
