"""The follow-up report as data, built from what the bot holds, before any format is chosen.

An indicator with no confirmation is "not reported", never done, and is listed again under "What is
missing". Every renderer (DOCX, HTML, Markdown, CSV, XLSX) reads only this model; `assembly` builds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from participation.highlights.sections import ReportSection
from participation.i18n import date_text, number_text
from participation.reports.meetings import MeetingRow, NetworkYear
from participation.reports.plan_texts import TextPart
from participation.reports.texts import Labels


class ReportError(Exception):
    """The report cannot be written as asked; the message is for the user, in their language."""


@dataclass(frozen=True)
class ReportRequest:
    """`year` None with `whole_plan` False means the year people are reporting on now."""

    language: str
    year: int | None = None
    whole_plan: bool = False


@dataclass(frozen=True)
class Realisation:
    year: int
    reported: bool
    display: str
    met: bool | None
    note: str | None = None
    evidence: str | None = None
    evidence_url: str | None = None
    confirmed_by: str | None = None
    confirmed_on: dt.date | None = None
    verdicts: tuple[tuple[str, bool], ...] = ()  # a computed count per network: (its line, target met)


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    text: str
    kind: str
    target: str
    computed: bool
    owners: tuple[str, ...]
    realisations: tuple[Realisation, ...]


@dataclass(frozen=True)
class MeasureRow:
    id: str
    scope: str
    title: str
    indicators: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class PriorityPart:
    number: int
    id: str
    title: str
    goal: str
    division: tuple[MeasureRow, ...]
    city: tuple[MeasureRow, ...]


@dataclass(frozen=True)
class HighlightItem:
    id: int
    year: int
    text: str


@dataclass(frozen=True)
class HighlightGroup:
    """Highlights of a section serving one priority; `priority` is None for those that name none."""

    priority: str | None
    items: tuple[HighlightItem, ...]


@dataclass(frozen=True)
class SectionPart:
    number: int
    code: ReportSection
    title: str
    groups: tuple[HighlightGroup, ...]


@dataclass(frozen=True)
class Gap:
    year: int
    indicator_id: str
    text: str
    owners: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    labels: Labels
    language: str
    plan_id: str
    title: str
    subtitle: str | None
    organisation: str
    years: tuple[int, ...]
    whole_plan: bool
    period_start: dt.date
    period_end: dt.date
    plan_years: str
    decision: str | None
    laws: tuple[str, ...]
    introduction: tuple[TextPart, ...]
    priorities: tuple[PriorityPart, ...]
    sections: tuple[SectionPart, ...]
    meetings: tuple[MeetingRow, ...]
    held: tuple[NetworkYear, ...]
    meetings_target: tuple[float, float]
    satisfaction_target: float
    gaps: tuple[Gap, ...]
    empty_sections: tuple[SectionPart, ...]
    closing: tuple[TextPart, ...]
    compiled_on: dt.date

    @property
    def span(self) -> str:
        """The years in file names and chart titles: `2025`, or `2023-2025` for the whole plan."""
        return str(self.years[0]) if len(self.years) == 1 else f"{self.years[0]}-{self.years[-1]}"

    @property
    def period_text(self) -> str:
        return f"{date_text(self.period_start, self.language)}–{date_text(self.period_end, self.language)}"

    @property
    def held_in_report(self) -> tuple[NetworkYear, ...]:
        """`held` covers the plan's years up to the report's, for the chart; the text speaks of these."""
        return tuple(row for row in self.held if row.year in self.years)

    def fmt(self, value: float) -> str:
        return number_text(value, self.language)


Names = Callable[[str], str]
