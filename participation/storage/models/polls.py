"""Satisfaction polls, stored so that who was asked is kept apart from what was answered."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from participation.storage.models.base import Base


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
