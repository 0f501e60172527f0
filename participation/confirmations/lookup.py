"""Finding what a command names: the active plan, an indicator by its id, a reporting year."""

from __future__ import annotations

import difflib

from sqlalchemy import select
from sqlalchemy.orm import Session

from participation import numbers
from participation.i18n import Gettext
from participation.plan.progress import current_plan, plan_tree
from participation.storage.models import (
    IndicatorOwner,
    IndicatorRecord,
    MeasureRecord,
    PlanRecord,
    PriorityRecord,
)


class NotFound(LookupError):
    """The text is for the user, already in their language."""


def plan_or_refuse(session: Session, _: Gettext) -> PlanRecord:
    plan = current_plan(session)
    if plan is None:
        raise NotFound(
            _("No plan is active yet. A coordinator can import one with `osallisuus plan import`.")
        )
    return plan


def indicators_of(session: Session, plan: PlanRecord) -> list[IndicatorRecord]:
    """The plan's current indicators in the plan's order: priority, measure, place in the measure."""
    return [
        indicator
        for priority in plan_tree(session, plan)
        if not priority.retired
        for measure in priority.measures
        if not measure.retired
        for indicator in measure.indicators
        if not indicator.retired
    ]


def owners_to_ask(session: Session, plan: PlanRecord) -> list[tuple[int, str, str]]:
    """(indicator id, indicator id in the plan, owner) for each owner of a current indicator that people
    confirm (not a computed one), in one narrow statement: the same indicators as `indicators_of`, but
    without loading the plan's tree, whose texts would be read once per owner row."""
    query = (
        select(IndicatorRecord.id, IndicatorRecord.key, IndicatorOwner.slack_user_id)
        .join(IndicatorOwner, IndicatorOwner.indicator_id == IndicatorRecord.id)
        .join(MeasureRecord, MeasureRecord.id == IndicatorRecord.measure_id)
        .join(PriorityRecord, PriorityRecord.id == MeasureRecord.priority_id)
        .where(
            IndicatorRecord.plan_id == plan.id,
            IndicatorRecord.computed.is_(None),
            IndicatorRecord.retired.is_(False),
            MeasureRecord.retired.is_(False),
            PriorityRecord.retired.is_(False),
        )
    )
    return [(row[0], row[1], row[2]) for row in session.execute(query)]


def find_indicator(session: Session, plan: PlanRecord, key: str, _: Gettext) -> IndicatorRecord:
    """The active plan's indicator with this id; an unknown id is refused with the nearest ids. Found in
    the plan's tree, which the dashboard reads anyway."""
    key = key.strip().strip("`").lower()
    found = next(
        (
            indicator
            for priority in plan_tree(session, plan)
            for measure in priority.measures
            for indicator in measure.indicators
            if indicator.key == key
        ),
        None,
    )
    if found is not None and not found.retired:
        return found
    text = _("There is no indicator {indicator!r} in the plan.").format(indicator=key)
    known = [indicator.key for indicator in indicators_of(session, plan)]
    close = difflib.get_close_matches(key, known, n=3, cutoff=0.6)
    if close:
        text += " " + _("Did you mean {ids}?").format(ids=", ".join(f"`{c}`" for c in close))
    raise NotFound(
        text + " " + _("`/osallisuus status 1` lists the indicators of priority 1 with their ids.")
    )


def plan_years(plan: PlanRecord) -> range:
    return range(plan.period_start.year, plan.period_end.year + 1)


def parse_year(typed: str, plan: PlanRecord, _: Gettext) -> int:
    years = plan_years(plan)
    text = typed.strip()
    year = numbers.year(text)
    if year is not None and year in years:
        return year
    raise NotFound(
        _("The reporting year must be within the plan's period, {first}–{last}; {year!r} is not.").format(
            first=years[0], last=years[-1], year=text
        )
    )
