"""Sending what the outbox holds: nothing lost, nothing sent twice, Slack's and SMTP's hiccups waited out.

Each item goes through three steps. A short transaction claims it (pending -> sending, one more attempt),
so two dispatchers never send the same item. Then it is sent, outside any transaction. A second
transaction records the outcome: sent, pending again after a back-off, or failed for good, in which case
`on_failed` runs in that same transaction so the notice to the coordinators is as durable as the failure.

A crash between sending and recording leaves the item in 'sending'. For Slack messages the bot can find
out what happened: every message carries the item's key in its metadata, so `recover()` (and any retry,
since a time-out or 5xx may also hide a posted message) first looks for the key in the channel's history.
Files and e-mails cannot be looked up; they go back to pending, so a crash in that short window sends
them again. An e-mail keeps its Message-ID, which mail clients use to drop the duplicate; a file would
be shared twice.

While an item is not yet sent, `result` holds `{"claimed_at": …}`, the time of its first claim: no
message for it can be older, so the history search starts there (less a minute for clock skew).
"""

from __future__ import annotations

import base64
import binascii
import copy
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast
from urllib.error import HTTPError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse
from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from config.settings import Settings
from participation.outbox.items import Kind
from participation.outbox.mail import send_email
from participation.storage.db import Database
from participation.storage.models import OutboxItem, utcnow

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
FIRST_BACKOFF = timedelta(seconds=30)
MAX_BACKOFF = timedelta(hours=1)
LOOKBACK = timedelta(seconds=60)
METADATA_EVENT = "osallisuus_outbox"
HISTORY_PAGE = 200
# Slack answers these with HTTP 200 and ok:false, yet they are passing troubles; every other code is not.
RETRYABLE_SLACK_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")

log = logging.getLogger(__name__)

OnFailed = Callable[[Session, OutboxItem], None]


class PermanentError(Exception):
    """Sending this item can never work as it stands (an unreadable payload, say): no retry."""


@dataclass(frozen=True)
class Failure:
    """What went wrong with one attempt, and whether trying again later could help."""

    error: str
    retry: bool
    retry_after: float | None = None
    rate_limited: bool = False


class Dispatcher:
    """Sends due outbox items; `now` is injectable so back-offs can be tested without waiting.

    The WebClient given is copied without its SDK retry handlers (see `_without_retries`); its token, base
    URL and time-out are kept. `on_failed` runs in the transaction that marks an item failed.
    """

    def __init__(
        self,
        db: Database,
        client: WebClient,
        settings: Settings,
        now: Callable[[], datetime] = utcnow,
        on_failed: OnFailed | None = None,
    ) -> None:
        self._db = db
        self._client = _without_retries(client)
        self._settings = settings
        self._now = now
        self._on_failed = on_failed

    # --- the loop ----------------------------------------------------------------------------------

    def run_once(self, limit: int = 50) -> int:
        """Send the items that are due; how many were sent. Stops early when Slack says to slow down."""
        sent = 0
        for item_id in self._due(limit):
            item = self._claim(item_id)
            if item is None:
                continue
            failure = self._attempt(item)
            if failure is None:
                sent += 1
            elif failure.rate_limited:
                break
        return sent

    def recover(self) -> None:
        """At start-up, settle the items a crash left in 'sending'.

        A Slack message whose key is in the channel's history is marked sent; anything else goes back to
        pending (and a Slack message is looked for once more before it is posted again). Call this before
        this process starts dispatching, and not while another dispatcher may be in the middle of a send.
        """
        with self._db.session() as session:
            stuck = list(session.scalars(select(OutboxItem).where(OutboxItem.status == SENDING)))
        for item in stuck:
            found = self._look_up_quietly(item) if item.kind == Kind.SLACK_MESSAGE else None
            if found is not None:
                log.info("outbox %s: found in Slack after a restart, marked sent", item.key)
                self._mark_sent(item.id, found)
            else:
                self._release(item.id)

    # --- the three steps ---------------------------------------------------------------------------

    def _due(self, limit: int) -> list[int]:
        with self._db.session() as session:
            query = (
                select(OutboxItem.id)
                .where(OutboxItem.status == PENDING, OutboxItem.next_attempt_at <= self._now())
                .order_by(OutboxItem.next_attempt_at, OutboxItem.id)
                .limit(limit)
            )
            return list(session.scalars(query))

    def _claim(self, item_id: int) -> OutboxItem | None:
        """Take the item for this dispatcher; None when another one was quicker (or it is no longer due)."""
        now = self._now()
        with self._db.session() as session:
            statement = (
                update(OutboxItem)
                .where(
                    OutboxItem.id == item_id,
                    OutboxItem.status == PENDING,
                    OutboxItem.next_attempt_at <= now,
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
            return item

    def _attempt(self, item: OutboxItem) -> Failure | None:
        """Send the claimed item and record the outcome; None when it was sent."""
        try:
            result = self._send(item)
        except Exception as error:
            failure = classify(error)
            self._record_failure(item.id, failure)
            return failure
        self._mark_sent(item.id, result)
        return None

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

    # --- sending -----------------------------------------------------------------------------------

    def _send(self, item: OutboxItem) -> dict[str, Any]:
        if item.kind == Kind.SLACK_MESSAGE:
            return self._post_message(item)
        if item.kind == Kind.SLACK_FILE:
            return self._upload_file(item)
        if item.kind == Kind.EMAIL:
            return self._send_email(item)
        raise PermanentError(f"unknown outbox kind {item.kind!r}")

    def _post_message(self, item: OutboxItem) -> dict[str, Any]:
        """Post, unless an earlier attempt that ended in doubt (time-out, 5xx, crash) did post it."""
        payload = _require(item, "channel", "text")
        channel = self._conversation(payload["channel"])
        if item.attempts > 1:
            found = self._find_posted(item, channel)
            if found is not None:
                return found
        response = self._client.chat_postMessage(
            channel=channel,
            text=payload["text"],
            blocks=payload.get("blocks"),
            thread_ts=payload.get("thread_ts"),
            metadata={"event_type": METADATA_EVENT, "event_payload": {"key": item.key}},
        )
        return {"channel": response["channel"], "ts": response["ts"]}

    def _upload_file(self, item: OutboxItem) -> dict[str, Any]:
        """Share a file through Slack's external upload (get a URL, send the bytes, complete the upload)."""
        payload = _require(item, "channel", "filename", "content", "title")
        try:
            content = base64.b64decode(payload["content"], validate=True)
        except (binascii.Error, TypeError) as error:
            raise PermanentError(f"the file's content is not base64: {error}") from None
        channel = self._conversation(payload["channel"])
        response = self._client.files_upload_v2(
            channel=channel,
            filename=payload["filename"],
            content=content,
            title=payload["title"],
            initial_comment=payload.get("initial_comment"),
        )
        files = response.get("files") or []
        return {"channel": channel, "file_id": files[0]["id"] if files else None}

    def _send_email(self, item: OutboxItem) -> dict[str, Any]:
        payload = _require(item, "raw", "from", "to")
        send_email(self._settings, payload["raw"], payload["from"], list(payload["to"]))
        return {"to": list(payload["to"])}

    def _conversation(self, channel: str) -> str:
        """A user id stands for a direct message: open it (idempotent) to learn its D… id."""
        if not _USER_ID.match(channel):
            return channel
        response = self._client.conversations_open(users=channel)
        return str(response["channel"]["id"])

    # --- finding what was already posted -----------------------------------------------------------

    def _look_up_quietly(self, item: OutboxItem) -> dict[str, Any] | None:
        """The history search for recover(): when Slack cannot be asked now, the next attempt asks."""
        try:
            payload = _require(item, "channel")
            return self._find_posted(item, self._conversation(payload["channel"]))
        except Exception as error:
            log.warning(
                "outbox %s: could not look it up in Slack (%s); the next attempt will", item.key, error
            )
            return None

    def _find_posted(self, item: OutboxItem, channel: str) -> dict[str, Any] | None:
        oldest = _claimed_at(item, self._now()) - LOOKBACK
        for message in self._messages_since(channel, oldest, item.payload.get("thread_ts")):
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == METADATA_EVENT and (
                (metadata.get("event_payload") or {}).get("key") == item.key
            ):
                return {"channel": channel, "ts": message["ts"]}
        return None

    def _messages_since(
        self, channel: str, oldest: datetime, thread_ts: str | None
    ) -> Iterator[dict[str, Any]]:
        """The channel's messages (or the thread's, for a reply) after `oldest`, page after page."""
        cursor: str | None = None
        while True:
            response = self._history_page(channel, f"{oldest.timestamp():.6f}", thread_ts, cursor)
            yield from response.get("messages") or []
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if cursor is None:
                return

    def _history_page(
        self, channel: str, oldest: str, thread_ts: str | None, cursor: str | None
    ) -> SlackResponse:
        common: dict[str, Any] = {"include_all_metadata": True, "limit": HISTORY_PAGE, "cursor": cursor}
        if thread_ts is not None:
            return self._client.conversations_replies(channel=channel, ts=thread_ts, oldest=oldest, **common)
        return self._client.conversations_history(channel=channel, oldest=oldest, **common)


# --- deciding what to do after a failure -----------------------------------------------------------


def classify(error: Exception) -> Failure:
    """Retry what time may cure (rate limits, 5xx, time-outs, lost connections, SMTP trouble), not the rest.

    Anything unforeseen counts as passing: retrying it costs a few attempts, while failing it at once
    could lose a message to a glitch; the attempt limit still ends it.
    """
    if isinstance(error, PermanentError):
        return Failure(str(error), retry=False)
    if isinstance(error, SlackApiError):
        return _slack_failure(error)
    if isinstance(error, HTTPError):
        return _http_failure(error.code, f"HTTP {error.code} from {error.url}", retry_after=None)
    if isinstance(error, SlackClientError):
        return Failure(f"{type(error).__name__}: {error}", retry=False)
    return Failure(f"{type(error).__name__}: {error}", retry=True)


def _slack_failure(error: SlackApiError) -> Failure:
    response = error.response
    code = str(response.get("error") or "unknown_error") if isinstance(response.data, dict) else "no_json"
    status = int(response.status_code)
    if status != 200:
        return _http_failure(
            status, f"Slack {response.api_url}: HTTP {status}, {code}", _retry_after(response)
        )
    return Failure(f"Slack {response.api_url}: {code}", retry=code in RETRYABLE_SLACK_ERRORS)


def _http_failure(status: int, text: str, retry_after: float | None) -> Failure:
    if status == 429:
        return Failure(text, retry=True, retry_after=retry_after, rate_limited=True)
    return Failure(text, retry=status >= 500)


def _retry_after(response: SlackResponse) -> float | None:
    for name, value in (response.headers or {}).items():
        if str(name).lower() == "retry-after":
            first = value[0] if isinstance(value, list) else value
            try:
                return max(0.0, float(first))
            except (TypeError, ValueError):
                return None
    return None


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    """Slack's Retry-After when it gave one; otherwise 30 s doubled per attempt, at most an hour."""
    if retry_after is not None:
        return timedelta(seconds=retry_after)
    doubled: timedelta = FIRST_BACKOFF * 2 ** max(attempts - 1, 0)
    return min(doubled, MAX_BACKOFF)


# --- small helpers ---------------------------------------------------------------------------------


def _without_retries(client: WebClient) -> WebClient:
    """A copy of the client whose SDK retry handlers are gone: the SDK retrying on its own would resend
    behind the outbox's back and beyond its attempt count. The caller's client is left as it was."""
    own = copy.copy(client)
    own.retry_handlers = []
    return own


def _row(session: Session, item_id: int) -> OutboxItem:
    row = session.get(OutboxItem, item_id, populate_existing=True)
    if row is None:
        raise LookupError(f"outbox item {item_id} vanished")
    return row


def _require(item: OutboxItem, *names: str) -> dict[str, Any]:
    payload = item.payload if isinstance(item.payload, dict) else {}
    missing = [name for name in names if payload.get(name) in (None, "")]
    if missing:
        raise PermanentError(f"the {item.kind} payload lacks {', '.join(missing)}")
    return payload


def _claimed_at(item: OutboxItem, default: datetime) -> datetime:
    text = (item.result or {}).get("claimed_at")
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else default
    except ValueError:
        return default
