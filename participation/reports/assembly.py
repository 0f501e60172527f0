"""Checking a report request and assembling the report from the status, highlights, meetings and polls.

The indicator values are the status's (`build_status`), so the report and `/osallisuus status` never
disagree; the evidence, who confirmed and when come from the confirmation that counts (`indicator_rows`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from participation.dashboard import StatusError, StatusView, build_status, localized
from participation.deadlines.calendar import focus_year
from participation.highlights import service as highlights
from participation.highlights.sections import NUMBERS, ReportSection, parse_section
from participation.i18n import date_text, translator
from participation.meetings.indicators import held_per_network
from participation.plan.progress import active_plan
from participation.plan.schema import Plan
from participation.reports.indicator_rows import Sources
from participation.reports.meetings import held_per_year, meetings_held, targets
from participation.reports.model import (
    Gap,
    HighlightGroup,
    HighlightItem,
    Names,
    Report,
    ReportError,
    ReportRequest,
    SectionPart,
)
from participation.reports.plan_texts import Wording, report_wording, text_parts
from participation.reports.texts import Labels, labels, report_title
from participation.storage.models import Confirmation, Highlight, IndicatorRecord, PlanRecord, Poll


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
    sources = Sources(session, plan, years, now, zone, language, names)
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
