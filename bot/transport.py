"""The Slack transport: the one place where an outgoing message becomes Block Kit and is posted.

The dispatcher (in the domain) hands over neutral messages already composed in the recipient's
language; this draws them (`bot/blocks.py`), posts them with their outbox key in the message metadata,
and turns Slack's answers into `SendError`s that say whether trying again may help. The WebClient is
copied without the SDK's retry handlers: the SDK retrying on its own would resend behind the outbox's
back and beyond its attempt count.

A direct message is one call: `chat.postMessage` takes the person's user id as its channel and answers
with the direct conversation's D… id, which is remembered for the history search that settles a post in
doubt (only a post in doubt whose D… id is not known yet, and a file, ask `conversations.open`). Posts
are paced per conversation as Slack asks (about one a second, short bursts allowed): many messages to
many people go at full speed, many to one channel wait their turn instead of meeting a 429.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.error import HTTPError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse

from bot.blocks import message_text, mrkdwn, render
from participation.i18n import translator
from participation.outbox.items import Kind
from participation.outbox.outgoing import (
    FilePart,
    LegacySlackItem,
    OutgoingFile,
    OutgoingMessage,
    SendError,
)

METADATA_EVENT = "osallisuus_outbox"
HISTORY_PAGE = 200
DIRECT_CACHE = 50_000  # direct conversations remembered; a few MB at most
# Slack answers these with HTTP 200 and ok:false, yet they are passing troubles; every other code is not.
RETRYABLE_SLACK_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)
POST_RATE = 1.0  # chat.postMessage: about one message a second in each conversation …
POST_BURST = 3  # … after a short burst (Slack allows "short bursts >1", without saying how long)
# The outbox logs each failed attempt itself (a warning while it retries, an error once it gives up), so
# the SDK's own ERROR line for the same time-out or lost connection would be a second, louder one.
_SDK_LOG = logging.getLogger(__name__ + ".sdk")
_SDK_LOG.setLevel(logging.CRITICAL)
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


class Pacer:
    """A token bucket per conversation: `burst` posts at once, then `rate` a second; waits, never refuses.

    Buckets that have filled up again are dropped, so a run through 10,000 people keeps no state.
    """

    def __init__(
        self,
        rate: float = POST_RATE,
        burst: int = POST_BURST,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._rate, self._burst, self._clock, self._sleep = rate, float(burst), clock, sleep
        self._spent: dict[str, tuple[float, float]] = {}  # conversation -> (tokens missing, as of when)
        self._lock = threading.Lock()

    def wait(self, conversation: str) -> None:
        """Take one post's turn in `conversation`, sleeping first when its burst is used up."""
        with self._lock:
            now = self._clock()
            missing, at = self._spent.get(conversation, (0.0, now))
            missing = max(0.0, missing - (now - at) * self._rate) + 1
            self._spent[conversation] = (missing, now)
            if len(self._spent) > DIRECT_CACHE:
                self._spent = {k: v for k, v in self._spent.items() if v[0] - (now - v[1]) * self._rate > 0}
        delay = (missing - self._burst) / self._rate
        if delay > 0:
            self._sleep(delay)


class SlackTransport:
    def __init__(self, client: WebClient, pacer: Pacer | None = None) -> None:
        own = copy.copy(client)
        own.retry_handlers = []
        own._logger = _SDK_LOG  # the SDK offers no setter; see _SDK_LOG
        self._client = own
        self._pacer = pacer or Pacer()
        self._direct: dict[str, str] = {}  # user id -> D… id: a direct conversation's id never changes

    def post(self, message: OutgoingMessage) -> dict[str, Any]:
        """Post, unless an earlier attempt that ended in doubt (time-out, 5xx, crash) did post it."""
        with _as_send_errors():
            if message.in_doubt and message.since is not None:
                channel = self._conversation(message.to)
                found = self._find_posted(message.key, channel, message.thread, message.since)
                if found is not None:
                    return found
            _ = translator(message.language)
            return self._post(
                message.key, message.to, message_text(message.reply), render(message.reply, _), message.thread
            )

    def share(self, file: OutgoingFile) -> dict[str, Any]:
        """Share a file through Slack's external upload (get a URL, send the bytes, complete the upload)."""
        with _as_send_errors():
            channel = self._conversation(file.to)
            return self._upload(channel, file.parts(), file.comment)

    def send_legacy(self, item: LegacySlackItem) -> dict[str, Any]:
        """An item an earlier version queued as Slack JSON: posted as it was stored."""
        payload = item.payload
        to = str(payload.get("channel") or "")
        with _as_send_errors():
            if item.kind == Kind.LEGACY_SLACK_FILE:
                content = base64.b64decode(str(payload.get("content") or ""))
                part = FilePart(payload["filename"], content, payload["title"])
                return self._upload(self._conversation(to), (part,), payload.get("initial_comment"))
            if item.in_doubt and item.since is not None:
                found = self._find_posted(
                    item.key, self._conversation(to), payload.get("thread_ts"), item.since
                )
                if found is not None:
                    return found
            return self._post(
                item.key,
                to,
                str(payload.get("text") or ""),
                payload.get("blocks"),
                payload.get("thread_ts"),
            )

    def find(self, key: str, to: str, thread: str | None, since: dt.datetime) -> dict[str, Any] | None:
        with _as_send_errors():
            return self._find_posted(key, self._conversation(to), thread, since)

    # --- Slack calls ---------------------------------------------------------------------------------

    def _post(
        self, key: str, to: str, text: str, blocks: list[dict[str, Any]] | None, thread: str | None
    ) -> dict[str, Any]:
        """One call: a user id is posted to as it is, and Slack's answer names the D… id it went to."""
        self._pacer.wait(to)
        response = self._client.chat_postMessage(
            channel=to,
            text=text,
            blocks=blocks,
            thread_ts=thread,
            metadata={"event_type": METADATA_EVENT, "event_payload": {"key": key}},
        )
        channel = str(response["channel"])
        if _USER_ID.match(to):
            self._remember(to, channel)
        return {"channel": channel, "ts": response["ts"]}

    def _upload(self, channel: str, parts: tuple[FilePart, ...], comment: str | None) -> dict[str, Any]:
        """Every part in one message: one URL and upload per file, then one files.completeUploadExternal."""
        response = self._client.files_upload_v2(
            channel=channel,
            file_uploads=[{"filename": p.filename, "content": p.content, "title": p.title} for p in parts],
            initial_comment=None if comment is None else mrkdwn(comment),
        )
        files = response.get("files") or []
        return {
            "channel": channel,
            "file_id": files[0]["id"] if files else None,
            "file_ids": [f["id"] for f in files],
        }

    def _conversation(self, to: str) -> str:
        """A user id stands for a direct message: open it (idempotent) to learn its D… id."""
        if not _USER_ID.match(to):
            return to
        known = self._direct.get(to)
        if known is None:
            known = str(self._client.conversations_open(users=to)["channel"]["id"])
            self._remember(to, known)
        return known

    def _remember(self, user: str, channel: str) -> None:
        if len(self._direct) >= DIRECT_CACHE:
            self._direct.clear()
        self._direct[user] = channel

    def _find_posted(
        self, key: str, channel: str, thread: str | None, since: dt.datetime
    ) -> dict[str, Any] | None:
        for message in self._messages_since(channel, since, thread):
            metadata = message.get("metadata") or {}
            if (
                metadata.get("event_type") == METADATA_EVENT
                and (metadata.get("event_payload") or {}).get("key") == key
            ):
                return {"channel": channel, "ts": message["ts"]}
        return None

    def _messages_since(
        self, channel: str, oldest: dt.datetime, thread: str | None
    ) -> Iterator[dict[str, Any]]:
        """The channel's messages (or the thread's, for a reply) after `oldest`, page after page."""
        cursor: str | None = None
        while True:
            response = self._history_page(channel, f"{oldest.timestamp():.6f}", thread, cursor)
            yield from response.get("messages") or []
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if cursor is None:
                return

    def _history_page(
        self, channel: str, oldest: str, thread: str | None, cursor: str | None
    ) -> SlackResponse:
        common: dict[str, Any] = {"include_all_metadata": True, "limit": HISTORY_PAGE, "cursor": cursor}
        if thread is not None:
            return self._client.conversations_replies(channel=channel, ts=thread, oldest=oldest, **common)
        return self._client.conversations_history(channel=channel, oldest=oldest, **common)


@contextmanager
def _as_send_errors() -> Iterator[None]:
    """Slack's answers as `SendError`s; anything else passes through (the dispatcher retries it)."""
    try:
        yield
    except SlackApiError as error:
        raise _slack_error(error) from None
    except HTTPError as error:
        raise _http_error(error.code, f"HTTP {error.code} from {error.url}", None) from None
    except SlackClientError as error:
        raise SendError(f"{type(error).__name__}: {error}", retry=False) from None


def _slack_error(error: SlackApiError) -> SendError:
    response = error.response
    code = str(response.get("error") or "unknown_error") if isinstance(response.data, dict) else "no_json"
    status = int(response.status_code)
    if status != 200:
        return _http_error(status, f"Slack {response.api_url}: HTTP {status}, {code}", _retry_after(response))
    return SendError(f"Slack {response.api_url}: {code}", retry=code in RETRYABLE_SLACK_ERRORS)


def _http_error(status: int, text: str, retry_after: float | None) -> SendError:
    if status == 429:
        return SendError(text, retry=True, retry_after=retry_after, rate_limited=True)
    return SendError(text, retry=status >= 500)


def _retry_after(response: SlackResponse) -> float | None:
    for name, value in (response.headers or {}).items():
        if str(name).lower() == "retry-after":
            first = value[0] if isinstance(value, list) else value
            try:
                return max(0.0, float(first))
            except (TypeError, ValueError):
                return None
    return None
