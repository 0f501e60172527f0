"""`notes [year]`: the year's highlights by report section, with their number, author and date, so people
can see what the report will say and who to ask about it."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from commands.context import Invocation
from commands.note_replies import refusal_text, usage
from participation import numbers
from participation.dashboard import localized
from participation.deadlines.calendar import focus_year
from participation.highlights import service
from participation.highlights.sections import numbered_title, parse_section
from participation.highlights.service import HighlightRefused, Refusal
from participation.i18n import Gettext, date_text
from participation.messages import Context, Header, Reply, Section, notice, person, quote
from participation.plan.progress import active_plan
from participation.storage.models import Highlight, PlanRecord

SHOWN_CHARACTERS = 600


def notes(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    typed = numbers.year(args[0]) if len(args) == 1 else None
    if len(args) > 1 or (args and typed is None):
        return notice(usage(_), error=True)
    with invocation.db.session() as session:
        plan = active_plan(session)
        if plan is None:
            return notice(
                _("No plan is active yet. A coordinator can import one with `osallisuus plan import`."),
                error=True,
            )
        year = typed or focus_year(plan, invocation.today())
        if not plan.period_start.year <= year <= plan.period_end.year:
            refused = HighlightRefused(
                Refusal.BAD_YEAR, year=year, first=plan.period_start.year, last=plan.period_end.year
            )
            return notice(refusal_text(refused, _), error=True)
        found = service.of_years(session, plan.id, (year,))
        return notes_reply(found, plan, year, invocation.language, invocation.zone, _)


def notes_reply(
    found: list[Highlight], plan: PlanRecord, year: int, language: str, zone: dt.tzinfo, _: Gettext
) -> Reply:
    reply = Reply([Header(_("Highlights for the report, {year}").format(year=year))])
    if not found:
        reply.parts.append(
            Section(_("No highlights for {year} yet. Add one with `/osallisuus note`.").format(year=year))
        )
        return reply
    titles = {p.key: f"{p.number}. {localized(p.title, language)}" for p in plan.priorities}
    for code, group in groupby(found, key=lambda h: h.section):
        section = parse_section(code)
        heading = numbered_title(section, _) if section else code
        lines = [f"*{heading}*"] + [_line(h, titles, language, zone, _) for h in group]
        reply.parts.append(Section("\n".join(lines)))
    reply.parts.append(
        Context(
            _(
                "`/osallisuus note edit <number>` edits a highlight (its author or a coordinator); "
                "`/osallisuus note` adds one."
            )
        )
    )
    return reply


def _line(highlight: Highlight, titles: dict[str, str], language: str, zone: dt.tzinfo, _: Gettext) -> str:
    details = [
        f"#{highlight.id}",
        date_text(highlight.created_at.astimezone(zone).date(), language),
        person(highlight.author),
    ]
    if highlight.priority_key:
        details.append(f"_{titles.get(highlight.priority_key, highlight.priority_key)}_")
    if highlight.versions:
        details.append(
            _("edited {date}").format(date=date_text(highlight.updated_at.astimezone(zone).date(), language))
        )
    text = highlight.text
    if len(text) > SHOWN_CHARACTERS:
        text = text[: SHOWN_CHARACTERS - 1].rstrip() + "…"
    return " · ".join(details) + "\n" + quote(text)
