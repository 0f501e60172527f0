"""Checking and recording a confirmation. A refused one writes nothing; an accepted one writes the
confirmation and its audit entry in the caller's transaction, so both exist or neither does."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from participation.confirmations.lookup import NotFound, find_indicator, parse_year
from participation.confirmations.roles import may_confirm, mentions, owners_of
from participation.confirmations.values import Value, ValueRefused, parse_value
from participation.i18n import Gettext
from participation.storage.models import (
    AuditEntry,
    Confirmation,
    IndicatorComment,
    IndicatorRecord,
    PlanRecord,
)

EVIDENCE_MAX = 3000
LINK_MAX = 2000
_LINK = re.compile(r"^https?://[^\s/]+\S*$")
# A link as Slack escapes it in a slash command's text: `<https://…>` or `<https://…|label>`.
_SLACK_LINK = re.compile(r"^<(https?://[^|>\s]+)(?:\|[^>]*)?>$")


@dataclass(frozen=True)
class Draft:
    """A confirmation as typed: in a modal or on one line. Every field is text, checked by `check`."""

    indicator: str
    year: str
    value: str
    comment: str = ""
    evidence: str = ""
    link: str = ""
    language: str = "fi"  # the language the value was typed in: `72,5` or `72.5`, `12 500` or `12,500`


@dataclass(frozen=True)
class Checked:
    indicator: IndicatorRecord
    year: int
    value: Value
    evidence: str | None
    link: str | None


class Refused(Exception):
    """Why a confirmation was not recorded, per field (`indicator`, `year`, `value`, `comment`,
    `evidence`, `link`), in the user's language."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def allowed_indicator(
    session: Session, plan: PlanRecord, key: str, user_id: str, is_coordinator: bool, _: Gettext
) -> IndicatorRecord:
    """The indicator if this person may confirm it; otherwise the reason, under `indicator`."""
    try:
        indicator = find_indicator(session, plan, key, _)
    except NotFound as error:
        raise Refused({"indicator": str(error)}) from None
    if indicator.computed:
        raise Refused(
            {
                "indicator": _(
                    "The bot computes `{indicator}` from its own records, so it is not confirmed by hand. "
                    'A coordinator can add a comment: `/osallisuus comment {indicator} "…"`.'
                ).format(indicator=indicator.key)
            }
        )
    if not may_confirm(user_id, is_coordinator, indicator):
        raise Refused(
            {
                "indicator": _(
                    "Only the owners of `{indicator}` and the coordinators can confirm it. "
                    "Its owners: {owners}."
                ).format(indicator=indicator.key, owners=mentions(owners_of(indicator), _("none yet")))
            }
        )
    return indicator


def check(
    session: Session, plan: PlanRecord, draft: Draft, user_id: str, is_coordinator: bool, _: Gettext
) -> Checked:
    """Every rule at once, so a form can mark all the fields that need fixing in one go."""
    indicator = allowed_indicator(session, plan, draft.indicator, user_id, is_coordinator, _)
    errors: dict[str, str] = {}
    year = value = None
    try:
        year = parse_year(draft.year, plan, _)
    except NotFound as error:
        errors["year"] = str(error)
    try:
        value = parse_value(indicator.kind, draft.value, draft.comment, _, draft.language)
    except ValueRefused as error:
        errors["value"] = str(error)
    evidence, link = draft.evidence.strip(), _SLACK_LINK.sub(r"\1", draft.link.strip())
    if indicator.evidence_required and not evidence:
        errors["evidence"] = _(
            "The plan asks for evidence for this indicator: say what shows it, such as a document, "
            "a decision or a web page."
        )
    elif len(evidence) > EVIDENCE_MAX:
        errors["evidence"] = _("The evidence is too long: at most {size} characters.").format(
            size=EVIDENCE_MAX
        )
    if link and (len(link) > LINK_MAX or not _LINK.match(link)):
        errors["link"] = _("The link must be a web address starting with https:// or http://.")
    if errors or year is None or value is None:
        raise Refused(errors)
    return Checked(indicator, year, value, evidence or None, link or None)


def record(session: Session, checked: Checked, actor: str, now: dt.datetime) -> Confirmation:
    """A new row, never an update: the earlier confirmation stays, and the audit entry shows both."""
    previous = latest(session, checked.indicator, checked.year)
    confirmation = Confirmation(
        indicator_id=checked.indicator.id,
        year=checked.year,
        value_bool=checked.value.boolean,
        value_number=checked.value.number,
        value_text=checked.value.text,
        evidence=checked.evidence,
        evidence_url=checked.link,
        confirmed_by=actor,
        confirmed_at=now,
    )
    session.add(confirmation)
    session.flush()
    session.add(
        AuditEntry(
            at=now,
            actor=actor,
            action="confirmation.add",
            entity=f"indicator:{checked.indicator.key}:{checked.year}",
            before=snapshot(previous) if previous is not None else None,
            after=snapshot(confirmation),
        )
    )
    return confirmation


def latest(session: Session, indicator: IndicatorRecord, year: int) -> Confirmation | None:
    return session.scalar(
        select(Confirmation)
        .where(Confirmation.indicator_id == indicator.id, Confirmation.year == year)
        .order_by(Confirmation.id.desc())
        .limit(1)
    )


def history(session: Session, indicator: IndicatorRecord) -> list[Confirmation]:
    """Every confirmation of the indicator, oldest first, corrections included."""
    query = select(Confirmation).where(Confirmation.indicator_id == indicator.id).order_by(Confirmation.id)
    return list(session.scalars(query))


def comments(session: Session, indicator: IndicatorRecord) -> list[IndicatorComment]:
    query = (
        select(IndicatorComment)
        .where(IndicatorComment.indicator_id == indicator.id)
        .order_by(IndicatorComment.id)
    )
    return list(session.scalars(query))


def snapshot(confirmation: Confirmation) -> dict[str, Any]:
    return {
        "id": confirmation.id,
        "year": confirmation.year,
        "value_bool": confirmation.value_bool,
        "value_number": confirmation.value_number,
        "value_text": confirmation.value_text,
        "evidence": confirmation.evidence,
        "evidence_url": confirmation.evidence_url,
        "confirmed_by": confirmation.confirmed_by,
        "confirmed_at": confirmation.confirmed_at.isoformat(),
    }
