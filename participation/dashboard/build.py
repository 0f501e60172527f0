"""Builds the dashboard's read model from the database: per measure and priority a light (all confirmed,
some missing, missing after the year's deadline), the share confirmed, the next deadline, the late
owners, the next meeting and the network satisfaction figure. The indicators the bot computes itself
(meetings held, satisfaction) get their progress from their own records."""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy.orm import Session

from participation.dashboard.reads import later_plans, latest_values
from participation.dashboard.texts import localized, value_text
from participation.dashboard.tree import IndicatorNode, PriorityNode, owners_of, tree_of
from participation.dashboard.views import (
    DeadlineView,
    IndicatorView,
    Light,
    MeasureView,
    PriorityView,
    StatusError,
    StatusView,
    TargetView,
)
from participation.deadlines.calendar import focus_year, next_deadline, overdue_in, working_days_left, year_of
from participation.i18n import date_text, translator
from participation.meetings.indicators import NextMeeting, held_and_next, progress_of_held
from participation.meetings.texts import network_name, shown_title
from participation.meetings.texts import when as meeting_time
from participation.plan.progress import (
    Progress,
    State,
    current_plan,
    progress_of,
)
from participation.plan.schema import Computation, ReportingDeadline
from participation.polls.indicators import PollCounts, polls_of_year, progress_of_polls
from participation.storage.models import Confirmation, IndicatorRecord, PlanRecord

_text = localized


def build_status(
    session: Session,
    language: str,
    now: dt.datetime,
    zone: dt.tzinfo,
    year: int | None = None,
    plan: PlanRecord | None = None,
) -> StatusView:
    """The active plan's dashboard, or `plan`'s (the progress page shows any plan by its link)."""
    _ = translator(language)
    plan = plan if plan is not None else current_plan(session)
    if plan is None:
        raise StatusError(
            _("No plan is active yet. A coordinator can import one with `osallisuus plan import`.")
        )
    today = now.astimezone(zone).date()
    year = year if year is not None else focus_year(plan, today)
    if not plan.period_start.year <= year <= plan.period_end.year:
        raise StatusError(
            _("The year {year} is outside the plan's period {start}–{end}.").format(
                year=year,
                start=date_text(plan.period_start, language),
                end=date_text(plan.period_end, language),
            )
        )
    tree = tree_of(session, plan)
    owners = owners_of(session, plan.id)
    confirmations = latest_values(session, plan.id, year)
    held, ahead = held_and_next(session, year, now, zone)
    computed = _Computed(session, year, now, zone, language, held)
    overdue = overdue_in(plan, year, today)
    priorities = [
        _priority_view(priority, confirmations, owners, computed, language, overdue is not None)
        for priority in tree
        if not priority.retired
    ]
    coming = next_deadline(plan, today)
    every = [i for p in priorities for m in p.measures for i in m.indicators]
    return StatusView(
        plan_id=plan.id,
        plan_title=_text(plan.title, language),
        plan_status=plan.status,
        period_start=plan.period_start,
        period_end=plan.period_end,
        year=year,
        language=language,
        confirmed=sum(p.confirmed for p in priorities),
        total=sum(p.total for p in priorities),
        priorities=priorities,
        next_deadline=_deadline_view(coming, today, language) if coming else None,
        overdue=_deadline_view(overdue, today, language) if overdue else None,
        late_owners=sorted({o for p in priorities for m in p.measures for o in m.late_owners}),
        next_meeting=_meeting_line(ahead, zone, language) if ahead else None,
        satisfaction=next(
            (
                i.display
                for i in every
                if i.computed == Computation.NETWORK_SATISFACTION and i.value is not None
            ),
            None,
        ),
        period_ended=today > plan.period_end,
        later_plans=later_plans(session, plan) if today > plan.period_end else [],
    )


def _deadline_view(deadline: ReportingDeadline, today: dt.date, language: str) -> DeadlineView:
    return DeadlineView(
        id=deadline.id,
        title=deadline.title.get(language),
        due=deadline.due,
        year=year_of(deadline),
        working_days_left=working_days_left(today, deadline.due),
    )


def _meeting_line(meeting: NextMeeting, zone: dt.tzinfo, language: str) -> str:
    when = meeting_time(meeting.starts_at, meeting.ends_at, language, zone)
    title = shown_title(meeting.title, meeting.network_id, language)
    return f"{title}, {when} · {network_name(meeting.network_id, language)}"


_POLL_KINDS = {
    Computation.NETWORK_SATISFACTION.value: "meeting",
    Computation.TRAINING_SATISFACTION.value: "training",
}


class _Computed:
    """Progress of the indicators the bot computes itself, from its own records: the meetings held are
    read with the next meeting, the polls once on first need, however many indicators use them."""

    def __init__(
        self,
        session: Session,
        year: int,
        now: dt.datetime,
        zone: dt.tzinfo,
        language: str,
        held: dict[str, int],
    ) -> None:
        self.session, self.year, self.now, self.zone, self.language = session, year, now, zone, language
        self.held = held
        self._polls: dict[str, PollCounts] | None = None

    def progress(self, indicator: IndicatorNode, confirmation: Confirmation | None) -> Progress:
        poll_kind = _POLL_KINDS.get(indicator.computed or "")
        if poll_kind is not None:
            if self._polls is None:
                self._polls = polls_of_year(self.session, self.year, self.now)
            return progress_of_polls(self._polls.get(poll_kind, []), self.language, indicator.target_min)
        if indicator.computed == Computation.NETWORK_MEETINGS:
            return progress_of_held(
                self.held,
                self.year,
                self.now,
                self.zone,
                self.language,
                indicator.target_min,
                indicator.target_max,
            )
        # The rules read only the indicator's kind and targets, which the cached node carries too.
        return progress_of(cast(IndicatorRecord, indicator), confirmation)


def _priority_view(
    priority: PriorityNode,
    confirmations: dict[int, Confirmation],
    owners: dict[int, list[str]],
    computed: _Computed,
    language: str,
    late: bool,
) -> PriorityView:
    measures = [
        _measure_view(
            measure.key,
            measure.scope,
            _text(measure.title, language),
            [
                _indicator_view(
                    indicator,
                    computed.progress(indicator, confirmations.get(indicator.id)),
                    owners.get(indicator.id, []),
                    language,
                )
                for indicator in measure.indicators
                if not indicator.retired
            ],
            late,
        )
        for measure in priority.measures
        if not measure.retired
    ]
    every = [i for m in measures for i in m.indicators]
    confirmed = sum(i.state == State.CONFIRMED for i in every)
    return PriorityView(
        number=priority.number,
        id=priority.key,
        title=_text(priority.title, language),
        confirmed=confirmed,
        total=len(every),
        measures=measures,
        light=_light(confirmed, len(every), late),
    )


def _measure_view(
    key: str, scope: str, title: str, indicators: list[IndicatorView], late: bool
) -> MeasureView:
    confirmed = sum(i.state == State.CONFIRMED for i in indicators)
    light = _light(confirmed, len(indicators), late)
    missing = [i for i in indicators if i.state != State.CONFIRMED and not i.computed]
    return MeasureView(
        id=key,
        scope=scope,
        title=title,
        indicators=indicators,
        confirmed=confirmed,
        total=len(indicators),
        light=light,
        late_owners=sorted({o for i in missing for o in i.owners}) if light == Light.OVERDUE else [],
    )


def _light(confirmed: int, total: int, late: bool) -> Light:
    if total == 0:
        return Light.EMPTY
    if confirmed == total:
        return Light.CONFIRMED
    return Light.OVERDUE if late else Light.MISSING


def _indicator_view(
    indicator: IndicatorNode, progress: Progress, owners: list[str], language: str
) -> IndicatorView:
    has_target = indicator.target_min is not None or indicator.target_max is not None
    return IndicatorView(
        id=indicator.key,
        text=_text(indicator.text, language),
        texts=dict(indicator.text),
        kind=indicator.kind,
        target=TargetView(min=indicator.target_min, max=indicator.target_max) if has_target else None,
        computed=indicator.computed,
        state=progress.state,
        value=progress.value,
        display=value_text(indicator.kind, progress, language),
        met=progress.met,
        owners=list(owners),
    )
