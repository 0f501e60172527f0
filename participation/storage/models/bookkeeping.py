"""The bot's own records: the audit log, the outbox, the requests the replay guard has seen and the
areas' revision numbers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from participation.storage.models.base import Base, utcnow


class AuditEntry(Base):
    """Who changed what through the bot, with the state before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(128))
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]


class OutboxItem(Base):
    """Something to send, written in the same transaction as the change that causes it.

    `key` is the idempotency key: a second item with the same key is never written, so it is never sent.
    """

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[dict[str, Any] | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None]
    # While 'sending': until when the dispatcher that claimed it may still send it. After that any
    # replica's claim takes it over (README "Running several replicas").
    lease_until: Mapped[dt.datetime | None]


class SeenRequest(Base):
    """A signed Slack request (or an event, by its id) already carried out, kept while Slack's signature
    would still be accepted, so that a replay of it on any replica is recognised and left undone."""

    __tablename__ = "seen_requests"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[dt.datetime] = mapped_column(index=True)


class Revision(Base):
    """A number every transaction that changes what an area shows raises once (participation.storage.
    revisions), so a replica can tell with one read whether what it built before is still current."""

    __tablename__ = "revisions"

    area: Mapped[str] = mapped_column(String(32), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, default=0)
