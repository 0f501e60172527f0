"""`history <indicator>` and `status <indicator>`: one indicator, its state for the year, and every record
ever made of it (corrections included, newest first) with who and when. Nothing recorded is hidden: the
record that counts for each year is marked, the ones it corrected stay listed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from commands.confirm_record import evidence_lines
from commands.context import Invocation
from commands.marks import state_mark
from participation.confirmations.actions import OPEN_ACTION
from participation.confirmations.lookup import NotFound, find_indicator, plan_or_refuse
from participation.confirmations.roles import may_confirm, mentions
from participation.confirmations.service import comments, history
from participation.dashboard import (
    IndicatorView,
    MeasureView,
    PriorityView,
    StatusError,
    build_status,
    value_text,
)
from participation.i18n import Gettext, datetime_text, number_text
from participation.messages import Actions, Button, Context, Divider, Header, Reply, Section, notice, person
from participation.plan.progress import progress_of
from participation.plan.schema import IndicatorKind
from participation.storage.models import Confirmation, IndicatorComment, IndicatorRecord


def history_command(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    if len(args) != 1:
        return notice(
            _("Use: `/osallisuus history <indicator>`, for example `/osallisuus history survey-realised`."),
            error=True,
        )
    return indicator_reply(invocation, args[0], None)


@dataclass(frozen=True)
class _Placed:
    priority: PriorityView
    measure: MeasureView
    indicator: IndicatorView


def indicator_reply(invocation: Invocation, key: str, year: int | None, unknown: str | None = None) -> Reply:
    _ = invocation._
    with invocation.db.session() as session:
        try:
            plan = plan_or_refuse(session, _)
            indicator = find_indicator(session, plan, key, _)
            view = build_status(session, invocation.language, invocation.now(), invocation.zone, year)
        except NotFound as error:
            return notice("\n".join(t for t in (unknown, str(error)) if t), error=True)
        except StatusError as error:
            return notice(str(error), error=True)
        placed = next(
            (
                _Placed(p, m, i)
                for p in view.priorities
                for m in p.measures
                for i in m.indicators
                if i.id == indicator.key
            ),
            None,
        )
        if placed is None:  # its measure or priority was dropped from the plan file
            return notice(_("That indicator is no longer part of the active plan."), error=True)
        lines = _record_lines(
            invocation, indicator, history(session, indicator), comments(session, indicator)
        )
        confirmable = may_confirm(invocation.user_id, invocation.is_coordinator, indicator)
        target = _target(indicator, invocation.language, _)
    reply = Reply(
        [
            Header(placed.indicator.text),
            Context(f"{placed.priority.number}. {placed.priority.title} · {placed.measure.title} · `{key}`"),
            Section(_state(placed.indicator, view.year, target, indicator.evidence_required, _)),
            Divider(),
            Section("*" + _("History") + "*\n" + ("\n".join(lines) if lines else _("Nothing recorded yet."))),
        ]
    )
    if confirmable:
        label = _("Confirm…") if placed.indicator.value is None else _("Correct…")
        reply.parts.append(Actions((Button(label, OPEN_ACTION, f"{indicator.key}:{view.year}"),)))
    return reply


def _state(indicator: IndicatorView, year: int, target: str | None, evidence: bool, _: Gettext) -> str:
    lines = [f"{state_mark(indicator)} *{year}*: *{indicator.display}*"]
    if indicator.computed:
        lines.append(_("Computed by the bot from its own records; coordinators can add comments."))
    if target:
        lines.append(target)
    lines.append(_("Owners: {owners}").format(owners=mentions(indicator.owners, _("none yet"))))
    if evidence:
        lines.append(_("The plan asks for evidence for this indicator."))
    return "\n".join(lines)


def _target(indicator: IndicatorRecord, language: str, _: Gettext) -> str | None:
    low, high = indicator.target_min, indicator.target_max
    if low is None:
        return None
    unit = " %" if indicator.kind == IndicatorKind.PERCENTAGE else ""
    if high is not None:
        return _("Target: {low}–{high}{unit}").format(
            low=number_text(low, language), high=number_text(high, language), unit=unit
        )
    return _("Target: at least {target}.").format(target=number_text(low, language) + unit)


def _record_lines(
    invocation: Invocation,
    indicator: IndicatorRecord,
    records: list[Confirmation],
    notes: list[IndicatorComment],
) -> list[str]:
    """Confirmations and comments, newest first; the confirmation that counts for its year is marked."""
    _ = invocation._
    language, zone = invocation.language, invocation.zone
    counting = {r.year: r.id for r in records}  # records are oldest first: the last per year wins
    entries: list[tuple[dt.datetime, int, str]] = []
    for record in records:
        shown = value_text(indicator.kind, progress_of(indicator, record), language)
        mark = (
            " · _" + _("counts") + "_"
            if counting[record.year] == record.id
            else " · _" + _("corrected") + "_"
        )
        head = _("{year}: *{value}* — {user}, {when}").format(
            year=record.year,
            value=shown,
            user=person(record.confirmed_by),
            when=datetime_text(record.confirmed_at, language, zone),
        )
        details = "".join(f"\n      {line}" for line in evidence_lines(record, _))
        entries.append((record.confirmed_at, record.id, f"• {head}{mark}{details}"))
    for note in notes:
        head = _("{year}: comment — {user}, {when}").format(
            year=note.year, user=person(note.author), when=datetime_text(note.written_at, language, zone)
        )
        entries.append((note.written_at, note.id, f"• {head}\n      💬 {note.text}"))
    return [text for _at, _id, text in sorted(entries, key=lambda e: (e[0], e[1]), reverse=True)]
