"""The tables. Texts are stored as JSON objects keyed by language, exactly as the plan file gives them.

Indicators are never deleted: one that a later import no longer lists is marked retired, so the
confirmations recorded against it stay readable.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

LocalizedText = dict[str, str]


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timestamps are stored in UTC and always come back time-zone aware, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored: give a time zone")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, str]: JSON,
        dict[str, Any]: JSON,
        dt.datetime: UTCDateTime,
    }


def new_page_token() -> str:
    return secrets.token_urlsafe(24)


class PlanRecord(Base):
    __tablename__ = "plans"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    title: Mapped[LocalizedText]
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    document: Mapped[dict[str, Any]]
    source_name: Mapped[str] = mapped_column(String(255))
    imported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The secret in the progress page's link (`GET /plan?token=…`), as a network's calendar feed has one.
    page_token: Mapped[str] = mapped_column(String(64), unique=True, index=True, default=new_page_token)

    priorities: Mapped[list[PriorityRecord]] = relationship(
        back_populates="plan", order_by="PriorityRecord.number", cascade="all, delete-orphan"
    )


class PriorityRecord(Base):
    __tablename__ = "priorities"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"))
    key: Mapped[str] = mapped_column(String(64))
    number: Mapped[int]
    title: Mapped[LocalizedText]
    goal: Mapped[LocalizedText | None]
    retired: Mapped[bool] = mapped_column(Boolean, default=False)

    plan: Mapped[PlanRecord] = relationship(back_populates="priorities")
    measures: Mapped[list[MeasureRecord]] = relationship(
        back_populates="priority", order_by="MeasureRecord.position"
    )


class MeasureRecord(Base):
    __tablename__ = "measures"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"))
    priority_id: Mapped[int] = mapped_column(ForeignKey("priorities.id"))
    key: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(16))
    position: Mapped[int]
    title: Mapped[LocalizedText]
    description: Mapped[LocalizedText | None]
    retired: Mapped[bool] = mapped_column(Boolean, default=False)

    priority: Mapped[PriorityRecord] = relationship(back_populates="measures")
    indicators: Mapped[list[IndicatorRecord]] = relationship(
        back_populates="measure", order_by="IndicatorRecord.position"
    )


class IndicatorRecord(Base):
    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"))
    measure_id: Mapped[int] = mapped_column(ForeignKey("measures.id"))
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int]
    text: Mapped[LocalizedText]
    kind: Mapped[str] = mapped_column(String(32))
    target_min: Mapped[float | None] = mapped_column(Float)
    target_max: Mapped[float | None] = mapped_column(Float)
    computed: Mapped[str | None] = mapped_column(String(32))
    evidence_required: Mapped[bool] = mapped_column(Boolean, default=False)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)

    measure: Mapped[MeasureRecord] = relationship(back_populates="indicators")
    owners: Mapped[list[IndicatorOwner]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="IndicatorOwner.slack_user_id"
    )
    confirmations: Mapped[list[Confirmation]] = relationship(
        back_populates="indicator", order_by="Confirmation.id"
    )


class IndicatorOwner(Base):
    """A person answerable for an indicator; `source` tells a plan file's owner from one set in chat."""

    __tablename__ = "indicator_owners"
    __table_args__ = (UniqueConstraint("indicator_id", "slack_user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    slack_user_id: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(16), default="plan")

    indicator: Mapped[IndicatorRecord] = relationship(back_populates="owners")


class Confirmation(Base):
    """An outcome recorded for an indicator and a reporting year. Corrections add rows; the latest counts."""

    __tablename__ = "confirmations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    year: Mapped[int]
    value_bool: Mapped[bool | None] = mapped_column(Boolean)
    value_number: Mapped[float | None] = mapped_column(Float)
    value_text: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(Text)
    evidence_url: Mapped[str | None] = mapped_column(String(2000))
    confirmed_by: Mapped[str] = mapped_column(String(32))
    confirmed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    indicator: Mapped[IndicatorRecord] = relationship(back_populates="confirmations")


class UserPreference(Base):
    __tablename__ = "user_preferences"

    slack_user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    language: Mapped[str] = mapped_column(String(8))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Person(Base):
    """Someone in the Slack workspace, as the directory sync last saw them.

    Kept so that no domain transaction has to ask Slack who a person is: the language to write in (their
    own choice in `user_preferences` wins, then `locale`), the address for invitations, and whether the
    bot may write to them at all (`is_bot`, `deleted`). `synced_at` says how fresh the entry is.
    """

    __tablename__ = "people"

    slack_user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(255), default="")
    email: Mapped[str | None] = mapped_column(String(320))
    locale: Mapped[str | None] = mapped_column(String(16))
    is_bot: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    coordinator: Mapped[bool] = mapped_column(Boolean, default=False)
    synced_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # When the daily purge first saw `deleted`: the directory forgets the person a set time after it.
    left_at: Mapped[dt.datetime | None]


class ChannelMember(Base):
    """Who is in a channel, as the directory sync and Slack's member events last said."""

    __tablename__ = "channel_members"

    channel_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    slack_user_id: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)
    synced_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


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


class NetworkRecord(Base):
    """A staff network's binding to Slack: its channel, and the secret in its calendar feed's URL."""

    __tablename__ = "networks"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel_id: Mapped[str | None] = mapped_column(String(32))
    feed_token: Mapped[str] = mapped_column(String(64), unique=True)
    linked_by: Mapped[str | None] = mapped_column(String(32))
    linked_at: Mapped[dt.datetime | None]

    guests: Mapped[list[NetworkGuest]] = relationship(
        back_populates="network", cascade="all, delete-orphan", order_by="NetworkGuest.email"
    )


class NetworkGuest(Base):
    """A member outside Slack, invited by e-mail only."""

    __tablename__ = "network_guests"
    __table_args__ = (UniqueConstraint("network_id", "email"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id"))
    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8))
    added_by: Mapped[str] = mapped_column(String(32))

    network: Mapped[NetworkRecord] = relationship(back_populates="guests")


class Meeting(Base):
    """A network meeting. `uid` stays for the meeting's life; `sequence` rises with every change sent out."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id"), index=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[dt.datetime] = mapped_column(index=True)
    ends_at: Mapped[dt.datetime]
    place: Mapped[str | None] = mapped_column(String(500))
    online_url: Mapped[str | None] = mapped_column(String(2000))
    agenda: Mapped[str | None] = mapped_column(Text)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    rsvps: Mapped[list[Rsvp]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Rsvp.slack_user_id"
    )


class Rsvp(Base):
    """A member's answer to a meeting's invitation; a new click replaces the old answer."""

    __tablename__ = "rsvps"
    __table_args__ = (UniqueConstraint("meeting_id", "slack_user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    slack_user_id: Mapped[str] = mapped_column(String(32))
    attending: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="rsvps")


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


class Poll(Base):
    """A satisfaction poll after a meeting or a training. Who was asked and whether they answered is kept
    in `poll_recipients`; what was answered only as counts per rating (`poll_tallies`) and as comments
    under random keys (`poll_comments`), with nothing that leads back to a person."""

    __tablename__ = "polls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # "meeting" or "training"
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), unique=True)
    network_id: Mapped[str | None] = mapped_column(ForeignKey("networks.id"))
    title: Mapped[str] = mapped_column(String(200))
    event_date: Mapped[dt.date]
    result_channel: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    opened_at: Mapped[dt.datetime]
    remind_at: Mapped[dt.datetime]
    closes_at: Mapped[dt.datetime]
    closed_at: Mapped[dt.datetime | None]
    min_answers: Mapped[int] = mapped_column(Integer, default=3)
    created_by: Mapped[str] = mapped_column(String(32))


class PollRecipient(Base):
    """That a person was asked, whether they have answered, and how many times they have changed their
    answer or comment (`answer_version`, which makes an older message's token stale): never what."""

    __tablename__ = "poll_recipients"
    __table_args__ = (UniqueConstraint("poll_id", "slack_user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id"), index=True)
    slack_user_id: Mapped[str] = mapped_column(String(32))
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    answer_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class PollTally(Base):
    """How many answers a poll has with one rating: a count, nothing about whose. The poll's five rows
    are made when it opens and every click updates all five in one statement, so neither their order nor
    which row changed last tells a rating apart."""

    __tablename__ = "poll_tallies"

    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id"), primary_key=True)
    rating: Mapped[int] = mapped_column(Integer, primary_key=True)
    answers: Mapped[int] = mapped_column(Integer, default=0)


class PollComment(Base):
    """A comment, under a random key that only its writer's own message carries (signed), with no user
    and no time. Every save writes the poll's comments again in a random order, and the close gives them
    fresh keys."""

    __tablename__ = "poll_comments"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id"), index=True)
    text: Mapped[str] = mapped_column(Text)


class IndicatorComment(Base):
    """A coordinator's comment on an indicator for a year, for the ones the bot computes itself."""

    __tablename__ = "indicator_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    year: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(32))
    written_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Highlight(Base):
    """A highlight of the year for the follow-up report, tagged with the report section it belongs to.
    Edits keep the earlier text in `highlight_versions`."""

    __tablename__ = "highlights"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), index=True)
    year: Mapped[int]
    section: Mapped[str] = mapped_column(String(32))
    priority_key: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    versions: Mapped[list[HighlightVersion]] = relationship(
        back_populates="highlight", cascade="all, delete-orphan", order_by="HighlightVersion.id"
    )


class HighlightVersion(Base):
    """What a highlight said before an edit, who changed it and when."""

    __tablename__ = "highlight_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    highlight_id: Mapped[int] = mapped_column(ForeignKey("highlights.id"), index=True)
    section: Mapped[str] = mapped_column(String(32))
    priority_key: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    edited_by: Mapped[str] = mapped_column(String(32))
    edited_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    highlight: Mapped[Highlight] = relationship(back_populates="versions")


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


class PlanUpload(Base):
    """A plan file a coordinator shared with the bot in a direct message, kept until they import it with
    the confirm button (whose value is `key`, never the file) or share another."""

    __tablename__ = "plan_uploads"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    slack_user_id: Mapped[str] = mapped_column(String(32), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    imported_at: Mapped[dt.datetime | None]
