"""What coordinators write for the follow-up report beside the confirmations: comments on the indicators
the bot computes, and the year's highlights with what they said before each edit."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.storage.models.base import Base, utcnow


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
