"""The dashboard drawn as Slack parts: the overview with a traffic light per priority and measure, and one
priority in full. `status` draws it, the App Home tab and the terminal's `osallisuus status` too."""

from __future__ import annotations

from commands.ids import OVERVIEW_ACTION, PRIORITY_ACTION
from commands.marks import LIGHTS, state_mark
from participation.dashboard import IndicatorView, MeasureView, PriorityView, StatusView
from participation.i18n import Gettext, date_text, number_text
from participation.messages import (
    Actions,
    Button,
    Context,
    Divider,
    Header,
    Part,
    Reply,
    Section,
    person,
)

MEASURE_TITLE_MAX = 90


def heading(view: StatusView, _: Gettext) -> list[Part]:
    period = f"{date_text(view.period_start, view.language)}–{date_text(view.period_end, view.language)}"
    details = _(
        "Plan period {period} · reporting year {year} · {confirmed}/{total} indicators confirmed"
    ).format(period=period, year=view.year, confirmed=view.confirmed, total=view.total)
    if view.plan_status == "draft":
        details += " · " + _("draft")
    parts: list[Part] = [Header(view.plan_title), Context(details)]
    if view.period_ended:
        parts.append(Section(period_ended_text(view, _)))
    return parts


def period_ended_text(view: StatusView, _: Gettext) -> str:
    """Why everything is red and no deadline is ahead: the plan is over. Where to go from here."""
    last = view.period_end.year
    lines = [
        _(
            "⏹ *This plan's period ended on {date}.* No reporting deadlines are ahead, and what was not "
            "confirmed stays red. `/osallisuus report {year}` writes the report of its last year."
        ).format(date=date_text(view.period_end, view.language), year=last)
    ]
    if view.later_plans:
        lines.append(
            _(
                "Next plan: {plans}. A coordinator makes it the active one with `/osallisuus plan` or, in "
                "the terminal, `osallisuus plan activate {plan}`."
            ).format(plans=", ".join(f"`{plan}`" for plan in view.later_plans), plan=view.later_plans[0])
        )
    else:
        lines.append(
            _(
                "No later plan yet: a coordinator imports one with `osallisuus plan import <file>`, then "
                "`osallisuus plan list` and `osallisuus plan activate <id>`."
            )
        )
    return "\n".join(lines)


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


def _progress_bar(done: int, total: int, width: int = 10) -> str:
    filled = round(width * done / total) if total else 0
    return "▰" * filled + "▱" * (width - filled)
