"""The follow-up report as data, built from what the bot holds, before any format is chosen.

The indicator values are the status's (`build_status`), so the report and `/osallisuus status` never
disagree; the evidence, who confirmed and when come from the confirmation that counts. An indicator
with no confirmation is "not reported", never done, and is listed again under "What is missing".
Every renderer (DOCX, HTML, Markdown, CSV, XLSX) reads only this model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from participation.dashboard import IndicatorView, StatusError, StatusView, build_status, localized
from participation.deadlines.calendar import focus_year
from participation.highlights import service as highlights
from participation.highlights.sections import NUMBERS, ReportSection, parse_section
from participation.i18n import date_text, number_text, translator
from participation.meetings.indicators import held_per_network
from participation.meetings.texts import network_name
from participation.plan.progress import State, active_plan, latest_confirmations
from participation.plan.schema import Computation, IndicatorKind, Plan
from participation.polls.indicators import satisfaction_progress
from participation.reports.meetings import MeetingRow, NetworkYear, held_per_year, meetings_held, targets
from participation.reports.plan_texts import TextPart, Wording, report_wording, text_parts
from participation.reports.texts import Labels, labels, report_title
from participation.storage.models import (
    Confirmation,
    Highlight,
    IndicatorComment,
    IndicatorRecord,
    PlanRecord,
    Poll,
)


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


def check_request(
    session: Session, request: ReportRequest, now: dt.datetime, zone: dt.tzinfo
) -> tuple[int, ...]:
    """The years the report covers; `ReportError` for no active plan, a year outside the plan's period,
    or nothing recorded for the years. Cheap, so a caller can check in the asker's language first."""
    _ = translator(request.language)
    plan = active_plan(session)
    if plan is None:
        raise ReportError(
            _("No plan is active yet. A coordinator can import one with `osallisuus plan import`.")
        )
    years = _years(plan, request, now.astimezone(zone).date())
    if not _anything_recorded(session, plan, years, now, zone):
        raise ReportError(
            _(
                "Nothing is recorded for {years} yet: no confirmed indicators, highlights, meetings or "
                "polls, so there is nothing to report. `/osallisuus confirm` and `/osallisuus note` "
                "record them."
            ).format(years="–".join(dict.fromkeys((str(years[0]), str(years[-1])))))
        )
    return years


def build_report(
    session: Session,
    request: ReportRequest,
    now: dt.datetime,
    zone: dt.tzinfo,
    names: Names = str,
) -> Report:
    """The report asked for; raises `ReportError` as `check_request` does."""
    years = check_request(session, request, now, zone)
    plan = active_plan(session)
    assert plan is not None
    try:
        views = {year: build_status(session, request.language, now, zone, year) for year in years}
    except StatusError as error:
        raise ReportError(str(error)) from None
    return _assemble(session, plan, request, years, views, now, zone, names)


def _years(plan: PlanRecord, request: ReportRequest, today: dt.date) -> tuple[int, ...]:
    first, last = plan.period_start.year, plan.period_end.year
    if request.whole_plan:
        return tuple(range(first, last + 1))
    year = request.year if request.year is not None else focus_year(plan, today)
    if not first <= year <= last:
        raise ReportError(
            translator(request.language)(
                "The year {year} is outside the plan's period {start}–{end}."
            ).format(
                year=year,
                start=date_text(plan.period_start, request.language),
                end=date_text(plan.period_end, request.language),
            )
        )
    return (year,)


def _anything_recorded(
    session: Session, plan: PlanRecord, years: tuple[int, ...], now: dt.datetime, zone: dt.tzinfo
) -> bool:
    confirmed = session.scalar(
        select(func.count())
        .select_from(Confirmation)
        .join(IndicatorRecord)
        .where(IndicatorRecord.plan_id == plan.id, Confirmation.year.in_(years))
    )
    noted = session.scalar(
        select(func.count())
        .select_from(Highlight)
        .where(Highlight.plan_id == plan.id, Highlight.year.in_(years))
    )
    polled = session.scalar(
        select(func.count())
        .select_from(Poll)
        .where(Poll.event_date >= dt.date(years[0], 1, 1), Poll.event_date <= dt.date(years[-1], 12, 31))
    )
    held = any(any(held_per_network(session, year, now, zone).values()) for year in years)
    return bool(confirmed or noted or polled or held)


def _assemble(
    session: Session,
    plan: PlanRecord,
    request: ReportRequest,
    years: tuple[int, ...],
    views: dict[int, StatusView],
    now: dt.datetime,
    zone: dt.tzinfo,
    names: Names,
) -> Report:
    language = request.language
    text = labels(language)
    document = Plan.model_validate(plan.document)
    sources = _Sources(session, plan, years, now, zone, language, names)
    wording = report_wording(document, language)
    priorities = tuple(sources.priority(p.number, views, text, wording) for p in views[years[0]].priorities)
    sections = _sections(session, plan, years, language, text, wording)
    low, high, satisfaction = targets(session, plan)
    start = plan.period_start if request.whole_plan else max(plan.period_start, dt.date(years[0], 1, 1))
    end = plan.period_end if request.whole_plan else min(plan.period_end, dt.date(years[-1], 12, 31))
    return Report(
        labels=text,
        language=language,
        plan_id=plan.id,
        title=report_title(localized(plan.title, language), language),
        subtitle=None if request.whole_plan else text.yearly.format(year=years[0]),
        organisation=document.organisation.get(language),
        years=years,
        whole_plan=request.whole_plan,
        period_start=start,
        period_end=end,
        plan_years=f"{plan.period_start.year}–{plan.period_end.year}",
        decision=document.decision.get(language) if document.decision else None,
        laws=tuple(law.get(language) for law in document.laws),
        introduction=text_parts(document.introduction, language),
        priorities=priorities,
        sections=sections,
        meetings=meetings_held(session, years, now, zone, language),
        held=held_per_year(session, tuple(range(plan.period_start.year, years[-1] + 1)), now, zone, language),
        meetings_target=(low, high),
        satisfaction_target=satisfaction,
        gaps=tuple(
            Gap(r.year, i.id, i.text, i.owners)
            for p in priorities
            for m in (*p.division, *p.city)
            for i in m.indicators
            for r in i.realisations
            if not r.reported
        ),
        empty_sections=tuple(s for s in sections if not s.groups),
        closing=text_parts(document.closing, language),
        compiled_on=now.astimezone(zone).date(),
    )


class _Sources:
    """What the status view does not carry: the confirmation behind each value and the comments."""

    def __init__(
        self,
        session: Session,
        plan: PlanRecord,
        years: tuple[int, ...],
        now: dt.datetime,
        zone: dt.tzinfo,
        language: str,
        names: Names,
    ) -> None:
        self.session, self.years, self.now, self.zone = session, years, now, zone
        self.language, self.names = language, names
        records = session.scalars(select(IndicatorRecord).where(IndicatorRecord.plan_id == plan.id))
        self.ids = {record.key: record for record in records}
        self.priorities = {priority.key: priority for priority in plan.priorities}
        self.confirmations = {year: latest_confirmations(session, plan.id, year) for year in years}
        self.comments = self._comments(plan)
        self._name_cache: dict[str, str] = {}

    def _comments(self, plan: PlanRecord) -> dict[tuple[int, int], str]:
        rows = self.session.scalars(
            select(IndicatorComment)
            .join(IndicatorRecord)
            .where(IndicatorRecord.plan_id == plan.id, IndicatorComment.year.in_(self.years))
            .order_by(IndicatorComment.id)
        )
        return {(row.indicator_id, row.year): row.text for row in rows}  # the newest wins

    def name(self, user_id: str) -> str:
        if user_id not in self._name_cache:
            self._name_cache[user_id] = self.names(user_id)
        return self._name_cache[user_id]

    def priority(
        self, number: int, views: dict[int, StatusView], text: Labels, wording: Wording
    ) -> PriorityPart:
        first = next(p for p in views[self.years[0]].priorities if p.number == number)
        by_year = {
            year: {i.id: i for p in view.priorities for m in p.measures for i in m.indicators}
            for year, view in views.items()
        }
        measures = tuple(
            MeasureRow(
                id=m.id,
                scope=m.scope,
                title=m.title,
                indicators=tuple(self.indicator(i, by_year, text) for i in m.indicators),
            )
            for m in first.measures
        )
        record = self.priorities.get(first.id)
        goal = localized(record.goal, self.language) if record is not None and record.goal else ""
        title, goal = wording.get(first.id, (first.title, goal))
        return PriorityPart(
            number=first.number,
            id=first.id,
            title=title,
            goal=goal,
            division=tuple(m for m in measures if m.scope == "division"),
            city=tuple(m for m in measures if m.scope != "division"),
        )

    def indicator(
        self, first: IndicatorView, by_year: dict[int, dict[str, IndicatorView]], text: Labels
    ) -> IndicatorRow:
        record = self.ids[first.id]
        return IndicatorRow(
            id=first.id,
            text=first.text,
            kind=text.kinds.get(first.kind, first.kind),
            target=_target(first, text, self.language),
            computed=bool(first.computed),
            owners=tuple(self.name(owner) for owner in first.owners),
            realisations=tuple(
                self.realisation(record, by_year[year].get(first.id, first), year, text)
                for year in self.years
            ),
        )

    def realisation(
        self, record: IndicatorRecord, view: IndicatorView, year: int, text: Labels
    ) -> Realisation:
        view = self._satisfaction_fallback(record, view, year)
        if view.state != State.CONFIRMED:
            return Realisation(year=year, reported=False, display=text.not_reported, met=None)
        confirmation = self.confirmations[year].get(record.id)
        note = self.comments.get((record.id, year))
        if confirmation is not None and confirmation.value_text and confirmation.value_text != view.display:
            note = confirmation.value_text
        return Realisation(
            year=year,
            reported=True,
            display=_capital(view.display),
            met=view.met,
            verdicts=self._verdicts(record, year),
            note=note,
            evidence=confirmation.evidence if confirmation else None,
            evidence_url=confirmation.evidence_url if confirmation else None,
            confirmed_by=self.name(confirmation.confirmed_by) if confirmation else None,
            confirmed_on=confirmation.confirmed_at.astimezone(self.zone).date() if confirmation else None,
        )

    def _verdicts(self, record: IndicatorRecord, year: int) -> tuple[tuple[str, bool], ...]:
        """Each network's count of meetings held, judged against the indicator's target on its own."""
        if record.computed != Computation.NETWORK_MEETINGS:
            return ()
        low, high = record.target_min, record.target_max
        counts = held_per_network(self.session, year, self.now, self.zone)
        return tuple(
            (
                f"{network_name(network, self.language)} {count}",
                (low is None or count >= low) and (high is None or count <= high),
            )
            for network, count in counts.items()
        )

    def _satisfaction_fallback(
        self, record: IndicatorRecord, view: IndicatorView, year: int
    ) -> IndicatorView:
        """The polls' own figure for a satisfaction indicator the status does not compute (yet)."""
        kinds = {Computation.NETWORK_SATISFACTION: "meeting", Computation.TRAINING_SATISFACTION: "training"}
        kind = kinds.get(Computation(record.computed)) if record.computed else None
        if view.state == State.CONFIRMED or kind is None:
            return view
        progress = satisfaction_progress(
            self.session, year, kind, self.now, self.zone, self.language, record.target_min
        )
        if progress.state != State.CONFIRMED or not isinstance(progress.value, float):
            return view
        return view.model_copy(
            update={
                "state": progress.state,
                "value": progress.value,
                "display": number_text(progress.value, self.language),
                "met": progress.met,
            }
        )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _target(view: IndicatorView, text: Labels, language: str) -> str:
    target = view.target
    if target is None or target.min is None:
        return ""
    percent = " %" if view.kind == IndicatorKind.PERCENTAGE else ""
    low = number_text(target.min, language) + percent
    if target.max is not None:
        high = number_text(target.max, language) + percent
        return text.target_range.format(low=low, high=high)
    return text.target_at_least.format(value=low)


def _sections(
    session: Session,
    plan: PlanRecord,
    years: tuple[int, ...],
    language: str,
    text: Labels,
    wording: Wording,
) -> tuple[SectionPart, ...]:
    titles = {
        p.key: (p.number, wording.get(p.key, (localized(p.title, language), ""))[0]) for p in plan.priorities
    }
    found = highlights.of_years(session, plan.id, years)
    parts = []
    for section in ReportSection:
        mine = [h for h in found if parse_section(h.section) == section]
        keys = sorted({h.priority_key for h in mine if h.priority_key}, key=lambda k: titles.get(k, (99, k)))
        groups = [
            HighlightGroup(
                titles.get(key, (0, key))[1],
                tuple(HighlightItem(h.id, h.year, h.text) for h in mine if h.priority_key == key),
            )
            for key in keys
        ]
        loose = tuple(HighlightItem(h.id, h.year, h.text) for h in mine if not h.priority_key)
        if loose:
            groups.append(HighlightGroup(None, loose))
        parts.append(SectionPart(NUMBERS[section], section, text.sections[section], tuple(groups)))
    return tuple(parts)
