"""`page`: the links of the plans' progress pages on the web (coordinators only), as `network list`
shows the calendar feeds' links. The link holds the plan's secret: whoever has it sees the page with
the evidence, so it is shown only to coordinators, in an answer only they see."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from commands.context import Invocation
from commands.meeting import coordinators_only
from config.settings import Settings
from participation.dashboard import localized
from participation.i18n import Gettext
from participation.messages import Context, Header, Reply, Section, notice
from participation.storage.models import PlanRecord


def page(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    if not invocation.is_coordinator:
        return coordinators_only(_)
    if args:
        return notice(_("Use: `/osallisuus page` (no more words)."), error=True)
    with invocation.db.session() as session:
        lines = page_links(session, invocation.settings, invocation.language, _)
    if not lines:
        return notice(_("There is no plan yet, so no progress page either."), error=True)
    reply = Reply([Header(_("Progress pages"))])
    reply.parts.extend(Section(line) for line in lines)
    reply.parts.append(Context(page_note(invocation.settings, _)))
    return reply


def page_links(session: Session, settings: Settings, language: str, _: Gettext) -> list[str]:
    """One line per plan, the active one first: its title and its secret link."""
    plans = session.scalars(
        select(PlanRecord).order_by(PlanRecord.active.desc(), PlanRecord.period_start.desc())
    )
    base = settings.public_url or ""
    lines = []
    for plan in plans:
        path = "/plan" if plan.active else f"/plan/{plan.id}/{plan.period_end.year}"
        link = f"{base}{path}?token={plan.page_token}"
        lines.append(
            _("{title}: {link} (keep it to those it is meant for)").format(
                title=localized(plan.title, language), link=link
            )
        )
    return lines


def page_note(settings: Settings, _: Gettext) -> str:
    notes = []
    if not settings.public_url:
        notes.append(_("Set PUBLIC_URL to get whole addresses."))
    if settings.public_progress_page:
        notes.append(_("PUBLIC_PROGRESS_PAGE is on: anyone sees the page at /plan, without the evidence."))
    else:
        notes.append(_("Only the link opens the page. The evidence is shown only through the link."))
    return " ".join(notes)
