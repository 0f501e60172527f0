"""Sending what the outbox holds: nothing lost, nothing sent twice, Slack's and SMTP's hiccups waited out.

Each item goes through four steps. A short transaction claims it (pending -> sending, one more attempt),
so two dispatchers never send the same item. A read-only transaction composes it: the recipient's
language is looked up in the directory now, at send time, and a named message is written in it. Then it
is sent, outside any transaction, by the transport (Slack) or over SMTP. A last transaction records the
outcome: sent, pending again after a back-off, or failed for good, in which case `on_failed` runs in
that same transaction so the notice to the coordinators is as durable as the failure.

A crash between sending and recording leaves the item in 'sending'. For messages the transport can find
out what happened: every message carries the item's key, so `recover()` (and any retry, since a
time-out or 5xx may also hide a posted message) first asks the transport to look for it. Files and
e-mails cannot be looked up; they go back to pending, so a crash in that short window sends them again.
An e-mail keeps its Message-ID, which mail clients use to drop the duplicate; a file would be shared
twice.

While an item is not yet sent, `result` holds `{"claimed_at": …}`, the time of its first claim: no
message for it can be older, so the search starts there (less a minute for clock skew).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from config.settings import Settings
from participation.outbox.compose import Compose, PermanentError, Prepared, prepare
from participation.outbox.items import Kind
from participation.outbox.mail import send_email
from participation.outbox.outgoing import LegacySlackItem, OutgoingFile, OutgoingMessage, Transport
from participation.outbox.retry import Failure, backoff, classify
from participation.storage.db import Database
from participation.storage.models import OutboxItem, utcnow

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
LOOKBACK = timedelta(seconds=60)

log = logging.getLogger(__name__)

OnFailed = Callable[[Session, OutboxItem], None]


@dataclass(frozen=True)
class Claimed:
    """An item this dispatcher has taken, composed (or the reason it cannot be)."""

    item_id: int
    key: str
    prepared: Prepared | Failure


class Dispatcher:
    """Sends due outbox items; `now` is injectable so back-offs can be tested without waiting.

    `compose` writes a named message in a language (`participation.notices.compose`); `on_failed` runs
    in the transaction that marks an item failed.
    """

    def __init__(
        self,
        db: Database,
        transport: Transport,
        settings: Settings,
        now: Callable[[], datetime] = utcnow,
        on_failed: OnFailed | None = None,
        compose: Compose | None = None,
    ) -> None:
        self._db = db
        self._transport = transport
        self._settings = settings
        self._now = now
        self._on_failed = on_failed
        self._compose = compose

    # --- the loop ----------------------------------------------------------------------------------

    def run_once(self, limit: int = 50) -> int:
        """Send the items that are due; how many were sent. Stops early when Slack says to slow down."""
        sent = 0
        for item_id in self._due(limit):
            claimed = self._claim(item_id)
            if claimed is None:
                continue
            failure = self._attempt(claimed)
            if failure is None:
                sent += 1
            elif failure.rate_limited:
                break
        return sent

    def recover(self) -> None:
        """At start-up, settle the items a crash left in 'sending'.

        A message the transport finds is marked sent; anything else goes back to pending (and a message is
        looked for once more before it is posted again). Call this before this process starts
        dispatching, and not while another dispatcher may be in the middle of a send.
        """
        with self._db.session() as session:
            stuck = [(item.id, item.key) for item in session.scalars(_sending())]
        for item_id, key in stuck:
            found = self._look_up_quietly(item_id, key)
            if found is not None:
                log.info("outbox %s: found after a restart, marked sent", key)
                self._mark_sent(item_id, found)
            else:
                self._release(item_id)

    # --- the steps ---------------------------------------------------------------------------------

    def _due(self, limit: int) -> list[int]:
        with self._db.session() as session:
            query = (
                select(OutboxItem.id)
                .where(OutboxItem.status == PENDING, OutboxItem.next_attempt_at <= self._now())
                .order_by(OutboxItem.next_attempt_at, OutboxItem.id)
                .limit(limit)
            )
            return list(session.scalars(query))

    def _claim(self, item_id: int) -> Claimed | None:
        """Take the item for this dispatcher and compose it; None when another one was quicker."""
        now = self._now()
        with self._db.session() as session:
            statement = (
                update(OutboxItem)
                .where(
                    OutboxItem.id == item_id, OutboxItem.status == PENDING, OutboxItem.next_attempt_at <= now
                )
                .values(status=SENDING, attempts=OutboxItem.attempts + 1)
                .execution_options(synchronize_session=False)
            )
            if cast(CursorResult[Any], session.execute(statement)).rowcount != 1:
                return None
            item = session.get(OutboxItem, item_id, populate_existing=True)
            assert item is not None
            if not item.result or "claimed_at" not in item.result:
                item.result = {"claimed_at": now.isoformat()}
            key = item.key
        return Claimed(item_id, key, self._prepare(item_id))

    def _prepare(self, item_id: int) -> Prepared | Failure:
        """Compose the claimed item in a transaction of its own, which only reads."""
        with self._db.session() as session:
            item = _row(session, item_id)
            try:
                return prepare(session, item, self._settings, self._now(), self._compose, LOOKBACK)
            except PermanentError as error:
                return Failure(str(error), retry=False)

    def _attempt(self, claimed: Claimed) -> Failure | None:
        """Send the claimed item and record the outcome; None when it was sent (or had nothing to say)."""
        try:
            result = self._send(claimed)
        except Exception as error:
            failure = classify(error)
            self._record_failure(claimed.item_id, failure)
            return failure
        self._mark_sent(claimed.item_id, result)
        return None

    def _send(self, claimed: Claimed) -> dict[str, Any]:
        prepared = claimed.prepared
        if isinstance(prepared, Failure):
            raise PermanentError(prepared.error)
        if prepared is None:
            return {"skipped": "nothing to say any more"}
        if isinstance(prepared, OutgoingMessage):
            return self._transport.post(prepared)
        if isinstance(prepared, OutgoingFile):
            return self._transport.share(prepared)
        if isinstance(prepared, LegacySlackItem):
            return self._transport.send_legacy(prepared)
        send_email(self._settings, prepared.raw, prepared.sender, list(prepared.recipients))
        return {"to": list(prepared.recipients)}

    def _mark_sent(self, item_id: int, result: dict[str, Any]) -> None:
        with self._db.session() as session:
            row = _row(session, item_id)
            row.status, row.sent_at, row.result = SENT, self._now(), result

    def _record_failure(self, item_id: int, failure: Failure) -> None:
        """Pending again after a back-off while retrying may help and attempts remain; otherwise failed."""
        with self._db.session() as session:
            row = _row(session, item_id)
            row.last_error = failure.error[:2000]
            if failure.retry and row.attempts < self._settings.outbox_max_attempts:
                row.status = PENDING
                row.next_attempt_at = self._now() + backoff(row.attempts, failure.retry_after)
                log.warning(
                    "outbox %s: attempt %d failed, will retry: %s", row.key, row.attempts, failure.error
                )
                return
            row.status = FAILED
            log.error("outbox %s: failed after %d attempt(s): %s", row.key, row.attempts, failure.error)
            self._tell_failed(session, row)

    def _tell_failed(self, session: Session, row: OutboxItem) -> None:
        """Run `on_failed` in a savepoint: should it break, the item is still marked failed (and the error
        logged) instead of the whole outcome rolling back and leaving the item stuck in 'sending'."""
        if self._on_failed is None:
            return
        try:
            with session.begin_nested():
                self._on_failed(session, row)
        except Exception:
            log.exception("outbox %s: on_failed raised; the coordinators were not told", row.key)

    def _release(self, item_id: int) -> None:
        with self._db.session() as session:
            session.execute(
                update(OutboxItem)
                .where(OutboxItem.id == item_id, OutboxItem.status == SENDING)
                .values(status=PENDING, next_attempt_at=self._now())
                .execution_options(synchronize_session=False)
            )

    def _look_up_quietly(self, item_id: int, key: str) -> dict[str, Any] | None:
        """The search for recover(): when it cannot be done now, the next attempt searches again."""
        prepared = self._prepare(item_id)
        try:
            if isinstance(prepared, OutgoingMessage) and prepared.since is not None:
                return self._transport.find(key, prepared.to, prepared.thread, prepared.since)
            if isinstance(prepared, LegacySlackItem) and prepared.kind == Kind.LEGACY_SLACK_MESSAGE:
                payload = prepared.payload
                since = prepared.since or self._now()
                return self._transport.find(key, str(payload.get("channel")), payload.get("thread_ts"), since)
        except Exception as error:
            log.warning("outbox %s: could not look it up (%s); the next attempt will", key, error)
        return None


def _sending() -> Any:
    return select(OutboxItem).where(OutboxItem.status == SENDING)


def _row(session: Session, item_id: int) -> OutboxItem:
    row = session.get(OutboxItem, item_id, populate_existing=True)
    if row is None:
        raise LookupError(f"outbox item {item_id} vanished")
    return row
