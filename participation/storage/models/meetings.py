"""Staff networks bound to Slack, their guests outside it, and their meetings with members' answers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.storage.models.base import Base, utcnow


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
