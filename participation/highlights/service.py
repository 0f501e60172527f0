"""Highlights of the year for the follow-up report: recorded, edited with their history kept, listed.

Anyone may note a highlight; its author or a coordinator may edit it. An edit keeps what the highlight
said before in `HighlightVersion`, and every change is in the audit log, so the report's texts can always
be traced to who wrote them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from participation import numbers
from participation.highlights.sections import NUMBERS, ReportSection, parse_section
from participation.storage.models import AuditEntry, Highlight, HighlightVersion, PlanRecord, PriorityRecord

TEXT_MAX = 3000


class Refusal(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    BAD_SECTION = "bad_section"
    BAD_PRIORITY = "bad_priority"
    BAD_YEAR = "bad_year"
    NOT_FOUND = "not_found"
    NOT_ALLOWED = "not_allowed"


class HighlightRefused(Exception):
    """Why a highlight was not saved; `details` fill the user's message, which the command words."""

    def __init__(self, reason: Refusal, **details: Any) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.details = details


@dataclass(frozen=True)
class Draft:
    """A highlight as typed: the words are checked against the plan by `checked`."""

    year: int
    section: str
    priority: str | None
    text: str


@dataclass(frozen=True)
class Checked:
    year: int
    section: ReportSection
    priority_key: str | None
    text: str


def checked(plan: PlanRecord, draft: Draft) -> Checked:
    """The draft against the plan: a known section, a current priority, a year of the plan's period."""
    text = draft.text.strip()
    if not text:
        raise HighlightRefused(Refusal.EMPTY)
    if len(text) > TEXT_MAX:
        raise HighlightRefused(Refusal.TOO_LONG, size=TEXT_MAX)
    section = parse_section(draft.section)
    if section is None:
        raise HighlightRefused(Refusal.BAD_SECTION, section=draft.section)
    if not plan.period_start.year <= draft.year <= plan.period_end.year:
        raise HighlightRefused(
            Refusal.BAD_YEAR, year=draft.year, first=plan.period_start.year, last=plan.period_end.year
        )
    priority = find_priority(plan, draft.priority) if draft.priority else None
    if draft.priority and priority is None:
        raise HighlightRefused(Refusal.BAD_PRIORITY, priority=draft.priority)
    return Checked(draft.year, section, priority.key if priority else None, text)


def current_priorities(plan: PlanRecord) -> list[PriorityRecord]:
    return [priority for priority in plan.priorities if not priority.retired]


def find_priority(plan: PlanRecord, word: str) -> PriorityRecord | None:
    """A priority by its number (`2`) or its id (`competence`)."""
    text = word.strip().lower()
    return next((p for p in current_priorities(plan) if text in (str(p.number), p.key)), None)


def add(session: Session, plan: PlanRecord, draft: Draft, author: str, now: dt.datetime) -> Highlight:
    valid = checked(plan, draft)
    highlight = Highlight(
        plan_id=plan.id,
        year=valid.year,
        section=valid.section.value,
        priority_key=valid.priority_key,
        text=valid.text,
        author=author,
        created_at=now,
        updated_at=now,
    )
    session.add(highlight)
    session.flush()
    _audit(session, now, author, "highlight.add", highlight, None)
    return highlight


def may_edit(highlight: Highlight, user_id: str, is_coordinator: bool) -> bool:
    return is_coordinator or highlight.author == user_id


def find(session: Session, plan: PlanRecord, reference: str) -> Highlight:
    """A highlight of the plan by its number, as `notes` shows it (`12` or `#12`)."""
    number = numbers.row_id(reference)
    found = session.get(Highlight, number) if number is not None else None
    if found is None or found.plan_id != plan.id:
        raise HighlightRefused(Refusal.NOT_FOUND, id=reference)
    return found


def edit(
    session: Session,
    plan: PlanRecord,
    highlight: Highlight,
    draft: Draft,
    editor: str,
    is_coordinator: bool,
    now: dt.datetime,
) -> bool:
    """Apply an edit, keeping the earlier wording as a version; False when nothing changed."""
    if not may_edit(highlight, editor, is_coordinator):
        raise HighlightRefused(Refusal.NOT_ALLOWED, id=highlight.id)
    valid = checked(plan, draft)
    before = snapshot(highlight)
    if (highlight.year, highlight.section, highlight.priority_key, highlight.text) == (
        valid.year,
        valid.section.value,
        valid.priority_key,
        valid.text,
    ):
        return False
    highlight.versions.append(
        HighlightVersion(
            section=highlight.section,
            priority_key=highlight.priority_key,
            text=highlight.text,
            edited_by=editor,
            edited_at=now,
        )
    )
    highlight.year = valid.year
    highlight.section = valid.section.value
    highlight.priority_key = valid.priority_key
    highlight.text = valid.text
    highlight.updated_at = now
    session.flush()
    _audit(session, now, editor, "highlight.edit", highlight, before)
    return True


def of_years(session: Session, plan_id: str, years: range | tuple[int, ...]) -> list[Highlight]:
    """The plan's highlights of these years in report order: by section, then as they were written."""
    rows = session.scalars(
        select(Highlight)
        .where(Highlight.plan_id == plan_id, Highlight.year.in_(list(years)))
        .order_by(Highlight.year, Highlight.created_at, Highlight.id)
    )
    return sorted(rows, key=lambda h: _section_order(h.section))


def _section_order(code: str) -> int:
    section = parse_section(code)
    return NUMBERS[section] if section is not None else 99


def snapshot(highlight: Highlight) -> dict[str, Any]:
    return {
        "id": highlight.id,
        "year": highlight.year,
        "section": highlight.section,
        "priority": highlight.priority_key,
        "text": highlight.text,
        "author": highlight.author,
    }


def _audit(
    session: Session,
    now: dt.datetime,
    actor: str,
    action: str,
    highlight: Highlight,
    before: dict[str, Any] | None,
) -> None:
    session.add(
        AuditEntry(
            at=now,
            actor=actor,
            action=action,
            entity=f"highlight:{highlight.id}",
            before=before,
            after=snapshot(highlight),
        )
    )
