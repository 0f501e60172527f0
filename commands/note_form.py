"""The highlight form, new or filled in with one to edit, and its submission; with the reading of the
active plan and the year that the one-line `note` shares with it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from commands.context import Invocation
from commands.ids import NOTE_FORM
from commands.note_replies import edited_reply, refusal_text, saved_reply, unchanged_reply
from commands.parsing import ParseError
from participation import numbers
from participation.dashboard import localized
from participation.deadlines.calendar import focus_year
from participation.highlights import service
from participation.highlights.sections import ReportSection, numbered_title
from participation.highlights.service import Draft, HighlightRefused, Refusal
from participation.messages import Field, Form, Reply, Submission, notice
from participation.plan.progress import active_plan
from participation.storage.models import Highlight, PlanRecord

NO_PRIORITY = "none"


def plan_of(invocation: Invocation, session: Session) -> PlanRecord:
    plan = active_plan(session)
    if plan is None:
        raise ParseError(
            invocation._("No plan is active yet. A coordinator can import one with `osallisuus plan import`.")
        )
    return plan


def year_of(typed: str | None, plan: PlanRecord, invocation: Invocation) -> int:
    if typed is None or not typed.strip():
        return focus_year(plan, invocation.today())
    year = numbers.year(typed)
    if year is None:
        raise HighlightRefused(
            Refusal.BAD_YEAR, year=typed, first=plan.period_start.year, last=plan.period_end.year
        )
    return year


# --- the form -----------------------------------------------------------------------------------------


def note_form(invocation: Invocation, plan: PlanRecord, highlight: Highlight | None) -> Form:
    """The form for a new highlight, or filled in with one to edit (its id goes in the metadata)."""
    _ = invocation._
    years = range(plan.period_start.year, plan.period_end.year + 1)
    year = highlight.year if highlight else focus_year(plan, invocation.today())
    sections = tuple((s.value, numbered_title(s, _)) for s in ReportSection)
    priorities = (
        (NO_PRIORITY, _("No particular priority")),
        *(
            (p.key, f"{p.number}. {localized(p.title, invocation.language)}")
            for p in service.current_priorities(plan)
        ),
    )
    return Form(
        callback_id=NOTE_FORM,
        title=_("Edit highlight") if highlight else _("New highlight"),
        submit=_("Save"),
        intro=_(
            "A highlight goes into the plan's follow-up report under the section you choose. "
            "Write it as it should read in the report."
        ),
        fields=(
            Field(
                "year", _("Year"), "select", options=tuple((str(y), str(y)) for y in years), initial=str(year)
            ),
            Field(
                "section",
                _("Report section"),
                "select",
                options=sections,
                initial=highlight.section if highlight else None,
            ),
            Field(
                "priority",
                _("The priority it serves"),
                "select",
                options=priorities,
                initial=(highlight.priority_key or NO_PRIORITY) if highlight else NO_PRIORITY,
            ),
            Field(
                "text",
                _("Highlight"),
                "textarea",
                initial=highlight.text if highlight else None,
                max_length=service.TEXT_MAX,
            ),
        ),
        metadata=str(highlight.id) if highlight else "",
    )


_FIELD_OF = {
    Refusal.EMPTY: "text",
    Refusal.TOO_LONG: "text",
    Refusal.BAD_SECTION: "section",
    Refusal.BAD_PRIORITY: "priority",
    Refusal.BAD_YEAR: "year",
    Refusal.NOT_FOUND: "text",
    Refusal.NOT_ALLOWED: "text",
}


def submit_note(invocation: Invocation, values: dict[str, str], metadata: str) -> Submission:
    """The form, new or edited: checked before the form is answered, a refusal going back to the field it
    concerns; saved after, checked again there (a refusal then is the outcome the person is told)."""
    _ = invocation._
    try:
        with invocation.db.session() as session:
            plan = plan_of(invocation, session)
            service.checked(plan, _form_draft(invocation, plan, values))
            if metadata:
                highlight = service.find(session, plan, metadata)
                if not service.may_edit(highlight, invocation.user_id, invocation.is_coordinator):
                    raise HighlightRefused(Refusal.NOT_ALLOWED, id=highlight.id)
    except HighlightRefused as refused:
        return Submission(errors={_FIELD_OF[refused.reason]: refusal_text(refused, _)})
    except ParseError as error:
        return Submission(errors={"text": str(error)})
    return Submission(then=lambda: _save(invocation, values, metadata))


def _form_draft(invocation: Invocation, plan: PlanRecord, values: dict[str, str]) -> Draft:
    priority = values.get("priority", "").strip()
    return Draft(
        year=year_of(values.get("year", "").strip(), plan, invocation),
        section=values.get("section", ""),
        priority=None if priority in ("", NO_PRIORITY) else priority,
        text=values.get("text", ""),
    )


def _save(invocation: Invocation, values: dict[str, str], metadata: str) -> Reply:
    _ = invocation._
    try:
        with invocation.db.session() as session:
            plan = plan_of(invocation, session)
            draft = _form_draft(invocation, plan, values)
            if not metadata:
                return saved_reply(service.add(session, plan, draft, invocation.user_id, invocation.now()), _)
            highlight = service.find(session, plan, metadata)
            changed = service.edit(
                session,
                plan,
                highlight,
                draft,
                invocation.user_id,
                invocation.is_coordinator,
                invocation.now(),
            )
            return edited_reply(highlight, _) if changed else unchanged_reply(highlight, _)
    except HighlightRefused as refused:
        return notice(refusal_text(refused, _), error=True)
    except ParseError as error:
        return notice(str(error), error=True)
