"""Recording a confirmation and the reply that says so: what the one-line command, the value form and a
reminder's "yes" button all end in, and the evidence lines `history` shows too."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from commands.context import Invocation
from participation.confirmations.lookup import NotFound, plan_or_refuse
from participation.confirmations.service import Checked, Draft, Refused, check, latest, record
from participation.dashboard import localized, value_text
from participation.deadlines.calendar import focus_year
from participation.i18n import Gettext, datetime_text
from participation.messages import Context, Reply, Section, notice, person
from participation.plan.progress import progress_of
from participation.plan.schema import IndicatorKind
from participation.storage.models import Confirmation


def confirm_now(invocation: Invocation, draft: Draft) -> Reply:
    """Check and record in one transaction; a refusal lists every reason and writes nothing."""
    _ = invocation._
    with invocation.db.session() as session:
        try:
            plan = plan_or_refuse(session, _)
            if not draft.year:
                draft = replace(draft, year=str(focus_year(plan, invocation.today())))
            checked = check(session, plan, draft, invocation.user_id, invocation.is_coordinator, _)
        except NotFound as error:
            return notice(str(error), error=True)
        except Refused as refused:
            return notice("\n".join(refused.errors.values()), error=True)
        reply = _recorded(invocation, session, checked)
    invocation.on_commit()
    return reply


def _recorded(invocation: Invocation, session: Session, checked: Checked) -> Reply:
    _ = invocation._
    previous = latest(session, checked.indicator, checked.year)
    confirmation = record(session, checked, invocation.user_id, invocation.now())
    indicator = checked.indicator
    shown = value_text(indicator.kind, progress_of(indicator, confirmation), invocation.language)
    lines = [
        _("✅ Confirmed for {year}: *{indicator}* — *{value}*").format(
            year=checked.year, indicator=localized(indicator.text, invocation.language), value=shown
        )
    ]
    lines += evidence_lines(confirmation, _)
    reply = Reply([Section("\n".join(lines))])
    when = datetime_text(confirmation.confirmed_at, invocation.language, invocation.zone)
    note = _("Recorded by {user} on {when}.").format(user=person(invocation.user_id), when=when)
    if previous is not None:
        earlier = datetime_text(previous.confirmed_at, invocation.language, invocation.zone)
        note += " " + _("This corrects the record of {when}, which stays in the history.").format(
            when=earlier
        )
    note += " " + _("`/osallisuus history {indicator}` shows every record.").format(indicator=indicator.key)
    reply.parts.append(Context(note))
    return reply


def evidence_lines(confirmation: Confirmation, _: Gettext) -> list[str]:
    lines = []
    if confirmation.value_text and confirmation.indicator.kind in (
        IndicatorKind.MONITORED,
        IndicatorKind.YEARLY_REVIEW,
    ):
        lines.append(_("Comment: {text}").format(text=confirmation.value_text))
    if confirmation.evidence:
        lines.append(_("Evidence: {text}").format(text=confirmation.evidence))
    if confirmation.evidence_url:
        lines.append(_("Link: {link}").format(link=confirmation.evidence_url))
    return lines
