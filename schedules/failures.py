"""What the coordinators hear when an outgoing item fails for good (the dispatcher's `on_failed`)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from config.settings import Settings
from participation.directory import coordinator_ids
from participation.notices import DELIVERY_FAILED
from participation.outbox.items import Kind, enqueue_many, message
from participation.storage.models import OutboxItem


class FailureNotices:
    def __init__(self, settings: Callable[[], Settings]) -> None:
        self._settings = settings  # read when an item fails: the runtime's settings then

    def __call__(self, session: Session, item: OutboxItem) -> None:
        """A failed item is not silent: each coordinator gets a direct message naming it, in their language
        when it is sent."""
        if item.key.startswith("failed:"):
            return  # a notice about a notice would only repeat the same trouble
        args = {"what": _describe(item), "attempts": item.attempts, "error": item.last_error or "?"}
        items = [
            (f"failed:{item.id}:{user}", Kind.MESSAGE, message(user, DELIVERY_FAILED, args))
            for user in coordinator_ids(session, self._settings().coordinator_users)
        ]
        enqueue_many(session, items)


def _describe(item: OutboxItem) -> str:
    payload = item.payload if isinstance(item.payload, dict) else {}
    target = payload.get("to") or payload.get("channel") or "?"
    if isinstance(target, list):
        target = ", ".join(target)
    return f"{item.kind} → {target} ({item.key})"
