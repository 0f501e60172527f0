"""The directory: who is in the workspace and in its channels, as Slack last said, and the language each
person chose, so that no domain transaction has to ask Slack."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from participation.storage.models.base import Base, utcnow


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
