"""Turning a stored item into what is sent, at send time: the recipient's language is looked up now.

A named message is composed by `Compose` (`participation.notices.compose`); it may answer None when
there is nothing to say any more (the meeting is gone, say), and the item is then settled unsent.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from config.settings import Settings
from participation.directory import languages_of
from participation.messages import Reply
from participation.outbox.items import Kind
from participation.outbox.outgoing import FilePart, LegacySlackItem, OutgoingFile, OutgoingMessage
from participation.outbox.stored import reply_from_json
from participation.storage.models import OutboxItem

Compose = Callable[[Session, Settings, str, dict[str, Any], str, dt.datetime], Reply | None]


class PermanentError(Exception):
    """Sending this item can never work as it stands (an unreadable payload, say): no retry."""


@dataclass(frozen=True)
class Email:
    raw: str
    sender: str
    recipients: tuple[str, ...]


Prepared = OutgoingMessage | OutgoingFile | LegacySlackItem | Email | None


def prepare(
    session: Session,
    item: OutboxItem,
    settings: Settings,
    now: dt.datetime,
    compose: Compose | None,
    lookback: dt.timedelta,
    languages: Mapping[str, str],
) -> Prepared:
    """`languages` holds the recipients' languages (`recipient_languages`), looked up for a whole batch."""
    payload = item.payload if isinstance(item.payload, dict) else {}
    if item.kind == Kind.EMAIL:
        _require(item, payload, "raw", "from", "to")
        return Email(payload["raw"], payload["from"], tuple(payload["to"]))
    since = _claimed_at(item, now) - lookback
    if item.kind in (Kind.LEGACY_SLACK_MESSAGE, Kind.LEGACY_SLACK_FILE):
        return LegacySlackItem(item.key, item.kind, payload, item.attempts > 1, since)
    to = str(_require(item, payload, "to")["to"])
    language = languages.get(to, settings.default_language)
    if item.kind == Kind.FILE:
        return _file(item, payload, to, language)
    if item.kind != Kind.MESSAGE:
        raise PermanentError(f"unknown outbox kind {item.kind!r}")
    reply = _reply(session, settings, item, payload, language, now, compose)
    if reply is None:
        return None
    return OutgoingMessage(item.key, to, reply, language, payload.get("thread"), item.attempts > 1, since)


def recipient_languages(session: Session, settings: Settings, items: Iterable[OutboxItem]) -> dict[str, str]:
    """Each addressed person's own language, in two queries for a whole batch; a channel is shared, so it
    is not here and hears DEFAULT_LANGUAGE."""
    people = [
        str(item.payload["to"])
        for item in items
        if isinstance(item.payload, dict) and str(item.payload.get("to") or "")[:1] in ("U", "W")
    ]
    return languages_of(session, people, settings.default_language)


def _reply(
    session: Session,
    settings: Settings,
    item: OutboxItem,
    payload: dict[str, Any],
    language: str,
    now: dt.datetime,
    compose: Compose | None,
) -> Reply | None:
    if isinstance(payload.get("reply"), dict):
        return reply_from_json(payload["reply"])
    name = payload.get("message")
    if not isinstance(name, str) or compose is None:
        raise PermanentError(f"the message item {item.key} names no message this dispatcher can write")
    stored = payload.get("args")
    args: dict[str, Any] = stored if isinstance(stored, dict) else {}
    try:
        return compose(session, settings, name, args, language, now)
    except (KeyError, TypeError, ValueError) as error:
        raise PermanentError(f"message {name!r} cannot be written from {args!r}: {error!r}") from None


def _file(item: OutboxItem, payload: dict[str, Any], to: str, language: str) -> OutgoingFile:
    first, *more = (_part(item, part) for part in (payload, *(payload.get("more") or ())))
    return OutgoingFile(
        item.key,
        to,
        first.filename,
        first.content,
        first.title,
        payload.get("comment"),
        language,
        tuple(more),
    )


def _part(item: OutboxItem, payload: dict[str, Any]) -> FilePart:
    _require(item, payload, "filename", "content", "title")
    try:
        content = base64.b64decode(payload["content"], validate=True)
    except (binascii.Error, TypeError) as error:
        raise PermanentError(f"the file's content is not base64: {error}") from None
    return FilePart(payload["filename"], content, payload["title"])


def _require(item: OutboxItem, payload: dict[str, Any], *names: str) -> dict[str, Any]:
    missing = [name for name in names if payload.get(name) in (None, "")]
    if missing:
        raise PermanentError(f"the {item.kind} payload lacks {', '.join(missing)}")
    return payload


def _claimed_at(item: OutboxItem, default: dt.datetime) -> dt.datetime:
    text = (item.result or {}).get("claimed_at")
    try:
        return dt.datetime.fromisoformat(text) if isinstance(text, str) else default
    except ValueError:
        return default
