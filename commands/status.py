"""`status`: the dashboard of the whole plan, one priority in full, or one indicator with its history.

The dashboard shows per priority and measure a traffic light (🟢 all confirmed, 🟡 some missing, 🔴 some
missing after the reporting deadline has passed), the share confirmed, the next deadline, the owners who
are late, the next meeting and the latest satisfaction figure. It stays small (two sections per priority)
so it fits Slack's 50-block limit whatever the plan holds; the indicators of a priority come with
`status N`. The year shown by default is the one the next reporting deadline asks for.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from commands.context import Invocation
from participation.deadlines.calendar import focus_year, next_deadline, overdue_in, working_days_left, year_of
from participation.i18n import Gettext, date_text, number_text, translator
from participation.meetings.indicators import network_meetings_progress
from participation.meetings.texts import meeting_when, network_name
from participation.messages import (
    Actions,
    Button,
    Context,
    Divider,
    Header,
    Part,
    Reply,
    Section,
    notice,
    person,
)
from participation.plan.progress import Progress, State, active_plan, latest_confirmations, progress_of
from participation.plan.schema import Computation, IndicatorKind, ReportingDeadline
from participation.polls.indicators import satisfaction_progress
from participation.storage.models import Confirmation, IndicatorRecord, Meeting, PriorityRecord

OVERVIEW_ACTION = "status_overview"
PRIORITY_ACTION = "status_priority"


class TargetView(BaseModel):
    min: float | None = None
    max: float | None = None


class IndicatorView(BaseModel):
    id: str
    text: str
    texts: dict[str, str]
    kind: str
    target: TargetView | None
    computed: str | None
    state: State
    value: bool | float | str | None
    display: str
    met: bool | None
    owners: list[str]


class Light(StrEnum):
    """A measure's or a priority's traffic light for the reporting year."""

    CONFIRMED = "confirmed"  # every indicator confirmed
    MISSING = "missing"  # some missing, the deadline not passed yet
    OVERDUE = "overdue"  # some missing after the deadline
    EMPTY = "empty"  # no indicators to confirm


class MeasureView(BaseModel):
    id: str
    scope: str
    title: str
    indicators: list[IndicatorView]
    confirmed: int = 0
    total: int = 0
    light: Light = Light.EMPTY
    late_owners: list[str] = []


class PriorityView(BaseModel):
    number: int
    id: str
    title: str
    confirmed: int
    total: int
    measures: list[MeasureView]
    light: Light = Light.EMPTY


class DeadlineView(BaseModel):
    id: str
    title: str
    due: dt.date
    year: int
    working_days_left: int


class StatusView(BaseModel):
    plan_id: str
    plan_title: str
    plan_status: str
    period_start: dt.date
    period_end: dt.date
    year: int
    language: str
    confirmed: int
    total: int
    priorities: list[PriorityView]
    next_deadline: DeadlineView | None = None
    overdue: DeadlineView | None = None
    late_owners: list[str] = []
    next_meeting: str | None = None
    satisfaction: str | None = None


class StatusError(Exception):
    """The status cannot be shown as asked; the message is for the user, in their language."""


def build_status(
    session: Session, language: str, now: dt.datetime, zone: dt.tzinfo, year: int | None = None
) -> StatusView:
    _ = translator(language)
    plan = active_plan(session)
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
    confirmations = latest_confirmations(session, plan.id, year)
    computed = _Computed(session, year, now, zone, language)
    overdue = overdue_in(plan, year, today)
    priorities = [
        _priority_view(priority, confirmations, computed, language, overdue is not None)
        for priority in plan.priorities
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
        next_meeting=_next_meeting(session, now, zone, language),
        satisfaction=next(
            (
                i.display
                for i in every
                if i.computed == Computation.NETWORK_SATISFACTION and i.value is not None
            ),
            None,
        ),
    )


def _deadline_view(deadline: ReportingDeadline, today: dt.date, language: str) -> DeadlineView:
    return DeadlineView(
        id=deadline.id,
        title=deadline.title.get(language),
        due=deadline.due,
        year=year_of(deadline),
        working_days_left=working_days_left(today, deadline.due),
    )


def _next_meeting(session: Session, now: dt.datetime, zone: dt.tzinfo, language: str) -> str | None:
    meeting = session.scalar(
        select(Meeting)
        .where(Meeting.status == "scheduled", Meeting.starts_at > now)
        .order_by(Meeting.starts_at)
        .limit(1)
    )
    if meeting is None:
        return None
    when = meeting_when(meeting, language, zone)
    return f"{meeting.title}, {when} · {network_name(meeting.network_id, language)}"


_POLL_KINDS = {
    Computation.NETWORK_SATISFACTION.value: "meeting",
    Computation.TRAINING_SATISFACTION.value: "training",
}


class _Computed:
    """Progress of the indicators the bot computes itself, from its own records."""

    def __init__(self, session: Session, year: int, now: dt.datetime, zone: dt.tzinfo, language: str) -> None:
        self.session, self.year, self.now, self.zone, self.language = session, year, now, zone, language

    def progress(self, indicator: IndicatorRecord, confirmation: Confirmation | None) -> Progress:
        poll_kind = _POLL_KINDS.get(indicator.computed or "")
        if poll_kind is not None:
            return satisfaction_progress(
                self.session, self.year, poll_kind, self.now, self.zone, self.language, indicator.target_min
            )
        if indicator.computed == Computation.NETWORK_MEETINGS:
            return network_meetings_progress(
                self.session,
                self.year,
                self.now,
                self.zone,
                self.language,
                indicator.target_min,
                indicator.target_max,
            )
        return progress_of(indicator, confirmation)


def _priority_view(
    priority: PriorityRecord,
    confirmations: dict[int, Confirmation],
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
                    indicator, computed.progress(indicator, confirmations.get(indicator.id)), language
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


def _indicator_view(indicator: IndicatorRecord, progress: Progress, language: str) -> IndicatorView:
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
        owners=[owner.slack_user_id for owner in indicator.owners],
    )


def value_text(kind: str, progress: Progress, language: str) -> str:
    """The confirmed value as a person reads it: yes, 72 %, 4.2, or that nothing is reported yet."""
    _ = translator(language)
    if progress.state == State.NOT_REPORTED or progress.value is None:
        return _("not yet reported")
    value = progress.value
    if isinstance(value, bool):
        if kind == IndicatorKind.YEARLY_REVIEW:
            return _("reviewed") if value else _("not reviewed")
        return _("yes") if value else _("no")
    if isinstance(value, float):
        shown = number_text(value, language)
        return f"{shown} %" if kind == IndicatorKind.PERCENTAGE else shown
    return value


def localized(texts: dict[str, str] | None, language: str) -> str:
    """A stored text (a JSON object keyed by language) in the reader's language."""
    if not texts:
        return ""
    return texts.get(language) or texts.get("en") or next(iter(texts.values()))


_text = localized


# --- the reply ---------------------------------------------------------------------------------------

LIGHTS = {Light.CONFIRMED: "🟢", Light.MISSING: "🟡", Light.OVERDUE: "🔴", Light.EMPTY: "⚪"}
MEASURE_TITLE_MAX = 90
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")


def status(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    try:
        priority, year, indicator = _parse_args(args, _)
        if indicator is not None:
            from commands.history import indicator_reply  # history shows values the way this module does

            return indicator_reply(invocation, indicator, year, unknown=_did_not_understand(indicator, _))
        with invocation.db.session() as session:
            view = build_status(session, invocation.language, invocation.now(), invocation.zone, year)
    except StatusError as error:
        return notice(str(error), error=True)
    if priority is None:
        return overview_reply(view, _)
    chosen = next((p for p in view.priorities if p.number == priority), None)
    if chosen is None:
        numbers = ", ".join(str(p.number) for p in view.priorities)
        return notice(
            _("There is no priority {number}. The priorities are {numbers}.").format(
                number=priority, numbers=numbers
            ),
            error=True,
        )
    return priority_reply(view, chosen, _)


def _parse_args(args: list[str], _: Gettext) -> tuple[int | None, int | None, str | None]:
    priority = year = indicator = None
    for arg in args:
        if arg.isdigit() and len(arg) == 4:
            year = int(arg)
        elif arg.isdigit() and len(arg) <= 2:
            priority = int(arg)
        elif indicator is None and priority is None and _SLUG.match(arg.strip("`").lower()):
            indicator = arg.strip("`").lower()
        else:
            raise StatusError(_did_not_understand(arg, _))
    return priority, year, indicator


def _did_not_understand(arg: str, _: Gettext) -> str:
    return _(
        "I did not understand {arg!r}. Try `/osallisuus status`, `/osallisuus status 2`, "
        "`/osallisuus status 2 2024` or `/osallisuus status <indicator id>`."
    ).format(arg=arg)


def heading(view: StatusView, _: Gettext) -> list[Header | Context]:
    period = f"{date_text(view.period_start, view.language)}–{date_text(view.period_end, view.language)}"
    details = _(
        "Plan period {period} · reporting year {year} · {confirmed}/{total} indicators confirmed"
    ).format(period=period, year=view.year, confirmed=view.confirmed, total=view.total)
    if view.plan_status == "draft":
        details += " · " + _("draft")
    return [Header(view.plan_title), Context(details)]


def overview_reply(view: StatusView, _: Gettext, buttons: bool = True) -> Reply:
    """The dashboard; without `buttons` where the Details buttons cannot answer (the App Home tab)."""
    return Reply([*heading(view, _), *dashboard_parts(view, _, buttons)])


def dashboard_parts(view: StatusView, _: Gettext, buttons: bool = True) -> list[Part]:
    parts: list[Part] = [Section(_summary(view, _))]
    for priority in view.priorities:
        counts = _("{confirmed}/{total} indicators confirmed").format(
            confirmed=priority.confirmed, total=priority.total
        )
        bar = _progress_bar(priority.confirmed, priority.total)
        share = _share(priority.confirmed, priority.total, view.language)
        button = Button(_("Details"), PRIORITY_ACTION, f"{priority.number}:{view.year}") if buttons else None
        parts.append(
            Section(
                f"{LIGHTS[priority.light]} *{priority.number}. {priority.title}*\n{bar} {counts} ({share})",
                button,
            )
        )
        parts.append(
            Section("\n".join(_measure_line(measure, view.language, _) for measure in priority.measures))
        )
    parts.append(Context(_("🟢 all confirmed · 🟡 some missing · 🔴 overdue · ⚪ no indicators")))
    parts.append(
        Context(
            _(
                "`/osallisuus status 2` shows priority 2 in full; `/osallisuus status <indicator id>` one "
                "indicator with its history; `/osallisuus help` lists the commands."
            )
        )
    )
    return parts


def _summary(view: StatusView, _: Gettext) -> str:
    language = view.language
    lines = []
    if view.next_deadline is not None:
        coming = view.next_deadline
        lines.append(
            _(
                "📅 Next deadline: *{deadline}* on {date} (reporting year {year}; working days left: {days})"
            ).format(
                deadline=coming.title,
                date=date_text(coming.due, language),
                year=coming.year,
                days=coming.working_days_left,
            )
        )
    else:
        lines.append(_("📅 No reporting deadlines ahead."))
    if view.overdue is not None and view.confirmed < view.total:
        late = ", ".join(person(owner) for owner in view.late_owners) or _("no owners named")
        lines.append(
            _("🔴 *{deadline}* was due on {date} and is still missing indicators. Late: {owners}").format(
                deadline=view.overdue.title, date=date_text(view.overdue.due, language), owners=late
            )
        )
    lines.append(
        _("🗓 Next meeting: {meeting}").format(meeting=view.next_meeting)
        if view.next_meeting
        else _("🗓 No network meetings scheduled.")
    )
    lines.append(
        _("⭐ Network satisfaction {year}: {figure}").format(year=view.year, figure=view.satisfaction)
        if view.satisfaction
        else _("⭐ No satisfaction figure yet for {year}.").format(year=view.year)
    )
    return "\n".join(lines)


def _measure_line(measure: MeasureView, language: str, _: Gettext) -> str:
    title = measure.title
    if len(title) > MEASURE_TITLE_MAX:
        title = title[: MEASURE_TITLE_MAX - 1].rstrip() + "…"
    if measure.total == 0:
        return f"{LIGHTS[measure.light]} {title} — " + _("no indicators")
    line = f"{LIGHTS[measure.light]} {title} — {measure.confirmed}/{measure.total}"
    if measure.late_owners:
        line += " · " + _("late: {owners}").format(owners=", ".join(person(o) for o in measure.late_owners))
    return line


def _share(done: int, total: int, language: str) -> str:
    return f"{number_text(round(100 * done / total) if total else 0, language)} %"


def priority_reply(view: StatusView, priority: PriorityView, _: Gettext) -> Reply:
    reply = Reply(list(heading(view, _)))
    reply.parts.append(Section(f"{LIGHTS[priority.light]} *{priority.number}. {priority.title}*"))
    for measure in priority.measures:
        scope = _("division's own measure") if measure.scope == "division" else _("city-wide measure")
        lines = [f"{LIGHTS[measure.light]} *{measure.title}* _({scope})_"]
        lines += [indicator_line(indicator, _) for indicator in measure.indicators] or [_("No indicators.")]
        reply.parts.append(Divider())
        reply.parts.append(Section("\n".join(lines)))
    reply.parts.append(Actions((Button(_("Back to the overview"), OVERVIEW_ACTION, str(view.year)),)))
    return reply


def indicator_line(indicator: IndicatorView, _: Gettext) -> str:
    line = f"{state_mark(indicator)} {indicator.text} — *{indicator.display}*"
    if indicator.computed:
        line += " " + _("(computed by the bot)")
    if indicator.owners:
        line += " · " + ", ".join(person(owner) for owner in indicator.owners)
    return f"{line}  `{indicator.id}`"


def state_mark(indicator: IndicatorView) -> str:
    if indicator.state != State.CONFIRMED:
        return "⏳"
    return {True: "✅", False: "❌", None: "☑️"}[indicator.met]


def _progress_bar(done: int, total: int, width: int = 10) -> str:
    filled = round(width * done / total) if total else 0
    return "▰" * filled + "▱" * (width - filled)
