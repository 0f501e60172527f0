"""`status`: the whole plan at a glance, or one priority in full.

The overview stays small (one section per priority) so it fits Slack's 50-block limit whatever the plan
holds; the measures and indicators of a priority come with `status N`.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel
from sqlalchemy.orm import Session

from commands.context import Invocation
from commands.replies import Actions, Button, Context, Divider, Header, Reply, Section, notice
from i18n import Gettext, date_text, number_text, translator
from meetings.indicators import network_meetings_progress
from plan.progress import Progress, State, active_plan, latest_confirmations, progress_of, reporting_year
from plan.schema import Computation, IndicatorKind
from storage.models import Confirmation, IndicatorRecord, PriorityRecord

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


class MeasureView(BaseModel):
    id: str
    scope: str
    title: str
    indicators: list[IndicatorView]


class PriorityView(BaseModel):
    number: int
    id: str
    title: str
    confirmed: int
    total: int
    measures: list[MeasureView]


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
    year = year if year is not None else reporting_year(plan, now.astimezone(zone).year)
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
    priorities = [
        _priority_view(priority, confirmations, computed, language)
        for priority in plan.priorities
        if not priority.retired
    ]
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
    )


class _Computed:
    """Progress of the indicators the bot computes itself, from its own records."""

    def __init__(self, session: Session, year: int, now: dt.datetime, zone: dt.tzinfo, language: str) -> None:
        self.session, self.year, self.now, self.zone, self.language = session, year, now, zone, language

    def progress(self, indicator: IndicatorRecord, confirmation: Confirmation | None) -> Progress:
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
    priority: PriorityRecord, confirmations: dict[int, Confirmation], computed: _Computed, language: str
) -> PriorityView:
    measures = [
        MeasureView(
            id=measure.key,
            scope=measure.scope,
            title=_text(measure.title, language),
            indicators=[
                _indicator_view(
                    indicator, computed.progress(indicator, confirmations.get(indicator.id)), language
                )
                for indicator in measure.indicators
                if not indicator.retired
            ],
        )
        for measure in priority.measures
        if not measure.retired
    ]
    every = [i for m in measures for i in m.indicators]
    return PriorityView(
        number=priority.number,
        id=priority.key,
        title=_text(priority.title, language),
        confirmed=sum(i.state == State.CONFIRMED for i in every),
        total=len(every),
        measures=measures,
    )


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


def _text(texts: dict[str, str] | None, language: str) -> str:
    if not texts:
        return ""
    return texts.get(language) or texts.get("en") or next(iter(texts.values()))


# --- the reply ---------------------------------------------------------------------------------------


def status(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    try:
        priority, year = _parse_args(args, _)
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


def _parse_args(args: list[str], _: Gettext) -> tuple[int | None, int | None]:
    priority = year = None
    for arg in args:
        if arg.isdigit() and len(arg) == 4:
            year = int(arg)
        elif arg.isdigit() and len(arg) <= 2:
            priority = int(arg)
        else:
            raise StatusError(
                _(
                    "I did not understand {arg!r}. Try `/osallisuus status`, `/osallisuus status 2` or "
                    "`/osallisuus status 2 2024`."
                ).format(arg=arg)
            )
    return priority, year


def _heading(view: StatusView, _: Gettext) -> list[Header | Context]:
    period = f"{date_text(view.period_start, view.language)}–{date_text(view.period_end, view.language)}"
    details = _(
        "Plan period {period} · reporting year {year} · {confirmed}/{total} indicators confirmed"
    ).format(period=period, year=view.year, confirmed=view.confirmed, total=view.total)
    if view.plan_status == "draft":
        details += " · " + _("draft")
    return [Header(view.plan_title), Context(details)]


def overview_reply(view: StatusView, _: Gettext) -> Reply:
    reply = Reply(list(_heading(view, _)))
    for priority in view.priorities:
        counts = _("{confirmed}/{total} indicators confirmed").format(
            confirmed=priority.confirmed, total=priority.total
        )
        bar = _progress_bar(priority.confirmed, priority.total)
        reply.parts.append(
            Section(
                f"*{priority.number}. {priority.title}*\n{bar} {counts}",
                Button(_("Details"), PRIORITY_ACTION, f"{priority.number}:{view.year}"),
            )
        )
    reply.parts.append(
        Context(_("`/osallisuus status 2` shows priority 2 in full; `/osallisuus help` lists the commands."))
    )
    return reply


def priority_reply(view: StatusView, priority: PriorityView, _: Gettext) -> Reply:
    reply = Reply(list(_heading(view, _)))
    reply.parts.append(Section(f"*{priority.number}. {priority.title}*"))
    for measure in priority.measures:
        scope = _("division's own measure") if measure.scope == "division" else _("city-wide measure")
        lines = [f"*{measure.title}* _({scope})_"]
        lines += [_indicator_line(indicator, _) for indicator in measure.indicators] or [_("No indicators.")]
        reply.parts.append(Divider())
        reply.parts.append(Section("\n".join(lines)))
    reply.parts.append(Actions((Button(_("Back to the overview"), OVERVIEW_ACTION, str(view.year)),)))
    return reply


def _indicator_line(indicator: IndicatorView, _: Gettext) -> str:
    mark = {True: "✅", False: "❌", None: "☑️"}[indicator.met] if indicator.state == State.CONFIRMED else "⏳"
    line = f"{mark} {indicator.text} — *{indicator.display}*"
    if indicator.computed:
        line += " " + _("(computed by the bot)")
    if indicator.owners:
        line += " · " + ", ".join(f"<@{owner}>" for owner in indicator.owners)
    return f"{line}  `{indicator.id}`"


def _progress_bar(done: int, total: int, width: int = 10) -> str:
    filled = round(width * done / total) if total else 0
    return "▰" * filled + "▱" * (width - filled)
