"""What the page reads besides the dashboard's model: which plan a link names and whether its token
opens it, the evidence given with the year's confirmations (secret-link page only), and when the
figures last changed. Plain rows, in the caller's transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from participation.plan.progress import current_plan
from participation.secret_links import opens_with
from participation.storage.models import Confirmation, IndicatorRecord, Meeting, PlanRecord, Poll


@dataclass(frozen=True)
class Evidence:
    text: str | None
    url: str | None


def plan_named(session: Session, plan_id: str | None) -> PlanRecord | None:
    """The active plan for `/plan`, else the plan the link names (None for one that is not there)."""
    return current_plan(session) if plan_id is None else session.get(PlanRecord, plan_id)


def opens(plan: PlanRecord | None, token: str) -> bool:
    """Whether the token is this plan's, compared in constant time. A missing plan and a wrong token
    answer alike, so a guess learns nothing about which plans exist."""
    return plan is not None and opens_with(plan.page_token, token)


def evidence_of(session: Session, plan_id: str, year: int) -> dict[str, Evidence]:
    """The evidence of the confirmation that counts (the newest) for each indicator, by indicator id."""
    newest = (
        select(func.max(Confirmation.id))
        .join(IndicatorRecord, IndicatorRecord.id == Confirmation.indicator_id)
        .where(IndicatorRecord.plan_id == plan_id, Confirmation.year == year)
        .group_by(Confirmation.indicator_id)
    )
    rows = session.execute(
        select(IndicatorRecord.key, Confirmation.evidence, Confirmation.evidence_url)
        .join(IndicatorRecord, IndicatorRecord.id == Confirmation.indicator_id)
        .where(Confirmation.id.in_(newest.scalar_subquery()))
    )
    return {
        key: Evidence(text or None, url if url and url.lower().startswith(("https://", "http://")) else None)
        for key, text, url in rows
        if text or url
    }


def last_change(session: Session, plan: PlanRecord, year: int, now: dt.datetime) -> dt.datetime:
    """When the page's figures last changed: the newest confirmation of the year, meeting ended or poll
    closed by now; the plan's import when none is there yet."""
    confirmed = session.scalar(
        select(func.max(Confirmation.confirmed_at))
        .join(IndicatorRecord, IndicatorRecord.id == Confirmation.indicator_id)
        .where(IndicatorRecord.plan_id == plan.id, Confirmation.year == year)
    )
    ended = session.scalar(
        select(func.max(Meeting.ends_at)).where(Meeting.status == "scheduled", Meeting.ends_at <= now)
    )
    closed = session.scalar(select(func.max(Poll.closes_at)).where(Poll.closes_at <= now))
    return max(
        (instant for instant in (confirmed, ended, closed) if instant is not None), default=plan.imported_at
    )
