"""Sending what the outbox holds: nothing lost, nothing sent twice, Slack's and SMTP's hiccups waited out.

Items go in batches, through four steps with a few statements each, however many items a batch holds. A
short transaction claims the batch (pending -> sending, one more attempt each), so two dispatchers never
send the same item. A read-only transaction composes them: the recipients' languages are looked up in
the directory now, at send time, in one query for the batch, and each named message is written in its
reader's language. Then each is sent, outside any transaction, by the transport (Slack) or over SMTP. A
last transaction records the outcomes: sent, pending again after a back-off, or failed for good, in which
case `on_failed` runs in that same transaction so the notice to the coordinators is as durable as the
failure. When Slack says to slow down, the rest of the batch goes back to pending untried.

A crash between sending and recording leaves items in 'sending'. For messages the transport can find
out what happened: every message carries the item's key, so `recover()` (and any retry, since a
time-out or 5xx may also hide a posted message) first asks the transport to look for it. Files and
e-mails cannot be looked up; they go back to pending, so a crash in that short window sends them again.
An e-mail keeps its Message-ID, which mail clients use to drop the duplicate; a file would be shared
twice.

While an item is not yet sent, `result` holds `{"claimed_at": …}`, the time of its first claim: no
message for it can be older, so the search starts there (less a minute for clock skew).

Replicas share the sending (README "Running several replicas"). A claim is a lease of
OUTBOX_LEASE_SECONDS: no send of the batch starts after half of it has gone, so a live dispatcher's
sends are over before its lease ends. Nor does one start once the process is stopping (SIGTERM): a large
batch of slow sends then ends with the sends in flight, and the rest is given back as untried. A replica
killed mid-batch leaves its items in 'sending' until the lease runs out; then any replica's claim takes
them over, with the look-up first, as after a crash.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from config.settings import Settings
from participation.outbox import batch
from participation.outbox.batch import FAILED, PENDING
from participation.outbox.compose import Compose, PermanentError, Prepared, prepare, recipient_languages
from participation.outbox.items import Kind
from participation.outbox.mail import send_email
from participation.outbox.outgoing import LegacySlackItem, OutgoingFile, OutgoingMessage, Transport
from participation.outbox.retry import Failure, backoff, classify
from participation.outbox.sending import WORKERS, Claimed, Outcome, send_all
from participation.storage.db import Database
from participation.storage.models import OutboxItem, utcnow

LOOKBACK = timedelta(seconds=60)
BATCH = 100  # items a round claims: their sends take seconds at Slack's pace, well inside a lease

log = logging.getLogger(__name__)

OnFailed = Callable[[Session, OutboxItem], None]


@dataclass(frozen=True)
class Round:
    """What one batch came to. `more`: the batch was full and not stopped, so more may be due now.
    `pause`: seconds Slack asked to wait (Retry-After) when it said to slow down, else 0."""

    claimed: int
    sent: int
    more: bool
    pause: float = 0.0


class Dispatcher:
    """Sends due outbox items; `now` is injectable so back-offs can be tested without waiting.

    `compose` writes a named message in a language (`participation.notices.compose`); `on_failed` runs
    in the transaction that marks an item failed; `workers`: how many conversations are sent to at once.
    """

    def __init__(
        self,
        db: Database,
        transport: Transport,
        settings: Settings,
        now: Callable[[], datetime] = utcnow,
        on_failed: OnFailed | None = None,
        compose: Compose | None = None,
        workers: int = WORKERS,
    ) -> None:
        self._db = db
        self._workers = workers
        self._transport = transport
        self._settings = settings
        self._now = now
        self._on_failed = on_failed
        self._compose = compose

    # --- the loop ----------------------------------------------------------------------------------

    def run_once(self, limit: int = BATCH) -> int:
        """Send one batch of the items that are due; how many were sent."""
        return self.run_round(limit).sent

    def run_round(self, limit: int = BATCH, stopping: Callable[[], bool] | None = None) -> Round:
        """Send one batch of due items; stops early when Slack says to slow down, or between two sends
        once `stopping` says so (the process is shutting down): the rest goes back to pending untried."""
        now = self._now()
        lease = now + timedelta(seconds=self._settings.outbox_lease_seconds)
        last_start = now + timedelta(seconds=self._settings.outbox_lease_seconds / 2)
        claimed = self._claim_due(limit, lease=lease)

        def attempt(item: Claimed) -> Outcome:
            if self._now() >= last_start or (stopping is not None and stopping()):
                return None  # left untried, and given back under this batch's lease
            return self._attempt(item)

        outcomes = list(zip(claimed, send_all(claimed, attempt, self._workers), strict=True))
        self._record(outcomes, lease)
        sent = sum(1 for _, outcome in outcomes if isinstance(outcome, dict))
        limits = [o for _, o in outcomes if isinstance(o, Failure) and o.rate_limited]
        pause = max((backoff(0, o.retry_after).total_seconds() for o in limits), default=0.0)
        return Round(len(claimed), sent, more=len(claimed) >= limit and not limits, pause=pause)

    def next_due(self) -> datetime | None:
        """When the earliest pending item falls due, so the caller can sleep exactly until then."""
        with self._db.session() as session:
            return batch.next_due(session)

    def recover(self, alone: bool = False) -> None:
        """At start-up, settle the items a crash left in 'sending' whose lease has run out, or, when this
        process is `alone` on its database (SQLite), all of them. Another replica's live claims are its own.

        A message the transport finds is marked sent; anything else goes back to pending (and a message is
        looked for once more before it is posted again).
        """
        with self._db.session() as session:
            lapsed = batch.sending(None if alone else self._now())
            stuck = [(item.id, item.key) for item in session.scalars(lapsed)]
        for item_id, key in stuck:
            found = self._look_up_quietly(item_id, key)
            with self._db.session() as session:
                if found is not None:
                    log.info("outbox %s: found after a restart, marked sent", key)
                    batch.mark_sent(session, self._now(), [(item_id, found)])
                else:
                    batch.release(session, [item_id], self._now())

    # --- the steps ---------------------------------------------------------------------------------

    def _claim_due(
        self, limit: int, only: list[int] | None = None, lease: datetime | None = None
    ) -> list[Claimed]:
        """Take a batch for this dispatcher in one statement, then compose it in a read-only transaction."""
        now = self._now()
        lease = lease or now + timedelta(seconds=self._settings.outbox_lease_seconds)
        with self._db.session() as session:
            items = batch.claim(session, now, limit, only, lease)
        return self._prepare(items)

    def _claim(self, item_id: int) -> Claimed | None:
        """Take this one item, if it is due and no other dispatcher was quicker."""
        claimed = self._claim_due(1, [item_id])
        return claimed[0] if claimed else None

    def _prepare(self, items: list[OutboxItem]) -> list[Claimed]:
        if not items:
            return []
        now = self._now()
        with self._db.session() as session:
            languages = recipient_languages(session, self._settings, items)
            return [
                Claimed(item.id, item.key, self._prepare_one(session, item, now, languages)) for item in items
            ]

    def _prepare_one(
        self, session: Session, item: OutboxItem, now: datetime, languages: dict[str, str]
    ) -> Prepared | Failure:
        try:
            return prepare(session, item, self._settings, now, self._compose, LOOKBACK, languages)
        except PermanentError as error:
            return Failure(str(error), retry=False)

    def _attempt(self, claimed: Claimed) -> Outcome:
        """Send the claimed item: what the transport answered, or why it was not sent."""
        try:
            return self._send(claimed)
        except Exception as error:
            return classify(error)

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

    def _record(self, outcomes: list[tuple[Claimed, Outcome]], lease: datetime) -> None:
        """Every outcome of a batch in one transaction: sent in one statement, untried items still held
        under this batch's `lease` released in another, and each failure (rare) on its own, with
        `on_failed` beside it."""
        if not outcomes:
            return
        now = self._now()
        with self._db.session() as session:
            sent = [(item.item_id, outcome) for item, outcome in outcomes if isinstance(outcome, dict)]
            batch.mark_sent(session, now, sent)
            untried = [item.item_id for item, outcome in outcomes if outcome is None]
            batch.release(session, untried, lease=lease)
            for item, outcome in outcomes:
                if isinstance(outcome, Failure):
                    self._record_failure(session, item.item_id, outcome, now)

    def _record_failure(self, session: Session, item_id: int, failure: Failure, now: datetime) -> None:
        """Pending again after a back-off while retrying may help and attempts remain; otherwise failed."""
        row = _row(session, item_id)
        row.last_error = failure.error[:2000]
        row.lease_until = None
        if failure.retry and row.attempts < self._settings.outbox_max_attempts:
            row.status = PENDING
            row.next_attempt_at = now + backoff(row.attempts, failure.retry_after)
            log.warning("outbox %s: attempt %d failed, will retry: %s", row.key, row.attempts, failure.error)
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

    def _look_up_quietly(self, item_id: int, key: str) -> dict[str, Any] | None:
        """The search for recover(): when it cannot be done now, the next attempt searches again."""
        with self._db.session() as session:
            item = _row(session, item_id)
        [claimed] = self._prepare([item])
        prepared = claimed.prepared
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


def _row(session: Session, item_id: int) -> OutboxItem:
    row = session.get(OutboxItem, item_id, populate_existing=True)
    if row is None:
        raise LookupError(f"outbox item {item_id} vanished")
    return row
