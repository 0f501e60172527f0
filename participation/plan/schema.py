"""The plan file format: what a coordinator edits, validated before anything is stored.

A plan file is YAML. Every text a person reads is a `Text` in fi, sv and en, so the bot never has to
fall back to another language. Ids are stable: confirmations are stored against them, so renaming an
id in the file is a new indicator, while editing a text keeps every recorded confirmation.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

LANGUAGES = ("fi", "sv", "en")

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*[a-z0-9]$", max_length=64)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class TargetOutside(ValueError):
    """A target beyond its kind's scale; it carries the numbers so a reader can word it in any language."""

    def __init__(self, value: float, low: float, high: float) -> None:
        super().__init__(f"target {value:g} is outside {low:g}–{high:g}")
        self.value, self.low, self.high = value, low, high


class TargetsReversed(ValueError):
    """The maximum target is below the minimum; a class of its own so a reader can translate it."""

    def __init__(self) -> None:
        super().__init__("target.max is smaller than target.min")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """One text in the three languages of the bot's users."""

    fi: NonEmpty
    sv: NonEmpty
    en: NonEmpty

    def get(self, language: str) -> str:
        return str(getattr(self, language, self.en))


class PlanStatus(StrEnum):
    APPROVED = "approved"
    DRAFT = "draft"


class Scope(StrEnum):
    """Whether a measure is the division's own or shared by the whole city."""

    DIVISION = "division"
    CITY = "city"


class IndicatorKind(StrEnum):
    YES_NO = "yes_no"
    PERCENTAGE = "percentage"
    RATING = "rating"
    COUNT_RANGE = "count_range"
    MONITORED = "monitored"
    YEARLY_REVIEW = "yearly_review"


class Computation(StrEnum):
    """Indicators whose value the bot computes from its own records instead of a person confirming it."""

    NETWORK_MEETINGS = "network_meetings"
    NETWORK_SATISFACTION = "network_satisfaction"
    TRAINING_SATISFACTION = "training_satisfaction"


class Target(_Strict):
    """The figure an indicator must reach; which bounds apply depends on the indicator's kind."""

    min: float | None = None
    max: float | None = None


class Indicator(_Strict):
    id: Slug
    text: Text
    kind: IndicatorKind
    target: Target | None = None
    computed: Computation | None = None
    owners: tuple[NonEmpty, ...] = ()
    evidence_required: bool = False

    @model_validator(mode="after")
    def _target_fits_kind(self) -> Indicator:
        rules = {
            IndicatorKind.PERCENTAGE: (0.0, 100.0, False),
            IndicatorKind.RATING: (1.0, 5.0, False),
            IndicatorKind.COUNT_RANGE: (0.0, float("inf"), True),
        }
        if self.kind not in rules:
            if self.target is not None:
                raise ValueError(f"an indicator of kind {self.kind.value} takes no target")
            return self
        low, high, needs_max = rules[self.kind]
        target = self.target
        if target is None or target.min is None:
            raise ValueError(f"an indicator of kind {self.kind.value} needs target.min")
        if needs_max and target.max is None:
            raise ValueError(f"an indicator of kind {self.kind.value} needs target.max")
        for bound in (target.min, target.max):
            if bound is not None and not low <= bound <= high:
                raise TargetOutside(bound, low, high)
        if target.max is not None and target.max < target.min:
            raise TargetsReversed
        return self


class Measure(_Strict):
    id: Slug
    scope: Scope
    title: Text
    description: Text | None = None
    indicators: tuple[Indicator, ...] = Field(default=(), max_length=20)


class Priority(_Strict):
    """`report_title` and `report_goal` are the report's wording where it differs from the plan's (the
    division's Swedish report words the priorities otherwise than the Swedish plan); the report uses
    them, everything else `title` and `goal`."""

    id: Slug
    number: Annotated[int, Field(ge=1, le=20)]
    title: Text
    goal: Text | None = None
    report_title: Text | None = None
    report_goal: Text | None = None
    measures: tuple[Measure, ...] = ()


class Item(_Strict):
    """One line of a list in a plan text section, optionally a link (https only: it ends up clickable)."""

    text: Text
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$", max_length=2000)] | None = None


class TextSection(_Strict):
    """A fixed part of the report that belongs to the plan: a heading, paragraphs, then a list."""

    heading: Text
    paragraphs: tuple[Text, ...] = ()
    items: tuple[Item, ...] = ()


class Period(_Strict):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("the period ends before it starts")
        return self

    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)


class ReportingDeadline(_Strict):
    """A date by which the realisation of the plan must be reported, for a span of the plan's period."""

    id: Slug
    title: Text
    covers: Period
    due: dt.date

    @model_validator(mode="after")
    def _due_after_span(self) -> ReportingDeadline:
        if self.due < self.covers.start:
            raise ValueError("the deadline falls before the period it reports on starts")
        return self


class Plan(_Strict):
    id: Slug
    status: PlanStatus
    title: Text
    organisation: Text
    period: Period
    decision: Text | None = None
    laws: tuple[Text, ...] = ()
    reporting_deadlines: tuple[ReportingDeadline, ...] = ()
    priorities: tuple[Priority, ...]
    introduction: tuple[TextSection, ...] = ()  # the report writes these after the laws (section 1)
    closing: tuple[TextSection, ...] = ()  # … and these at its end (the links and attachments)

    @model_validator(mode="after")
    def _ids_unique(self) -> Plan:
        seen: set[str] = set()
        numbers: set[int] = set()
        for priority in self.priorities:
            if priority.number in numbers:
                raise ValueError(f"priority number {priority.number} is used twice")
            numbers.add(priority.number)
            for item_id in _ids_of(priority):
                if item_id in seen:
                    raise ValueError(f"id {item_id!r} is used twice")
                seen.add(item_id)
        for deadline in self.reporting_deadlines:
            if not (self.period.start <= deadline.covers.start and deadline.covers.end <= self.period.end):
                raise ValueError(f"reporting deadline {deadline.id!r} covers dates outside the plan's period")
        return self

    def indicators(self) -> list[tuple[Priority, Measure, Indicator]]:
        return [(p, m, i) for p in self.priorities for m in p.measures for i in m.indicators]


def _ids_of(priority: Priority) -> list[str]:
    ids = [priority.id]
    for measure in priority.measures:
        ids.append(measure.id)
        ids.extend(indicator.id for indicator in measure.indicators)
    return ids
