"""The plan as imported: its priorities, measures and indicators with their owners, the confirmations
recorded against the indicators, and a plan file waiting to be imported."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.storage.models.base import Base, LocalizedText, utcnow


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
