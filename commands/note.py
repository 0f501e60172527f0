"""`note`: record a highlight of the year for the follow-up report, in a form or on one line; `note edit`
changes one (its author or a coordinator), keeping what it said before.

The one-line form is `/osallisuus note 3 "text" [priority=1] [year=2025]`, the section given by its
number in the report (3–9) or its code.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from commands.context import Invocation
from commands.ids import NOTE_FORM
from commands.parsing import ParseError, split_options
from participation import numbers
from participation.dashboard import localized
from participation.deadlines.calendar import focus_year
from participation.highlights import service
from participation.highlights.sections import NUMBERS, ReportSection, numbered_title, parse_section
from participation.highlights.service import Draft, HighlightRefused, Refusal
from participation.i18n import Gettext
from participation.messages import Field, Form, Reply, Submission, notice
from participation.plan.progress import active_plan
from participation.storage.models import Highlight, PlanRecord

NO_PRIORITY = "none"
OPTIONS = {"priority", "year", "section"}


def note(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    try:
        if args and args[0].lower() == "edit":
            return _edit(invocation, args[1:])
        if not args:
            return _new_form(invocation)
        return _add_from_words(invocation, args)
    except ParseError as error:
        return notice(f"{error}\n{usage(_)}", error=True)
    except HighlightRefused as refused:
        return notice(refusal_text(refused, _), error=True)


def usage(_: Gettext) -> str:
    return _(
        "Use: `/osallisuus note` (a form), or "
        '`/osallisuus note <section 3–9> "text" [priority=1] [year=2025]`; '
        '`/osallisuus note edit <id>` or `/osallisuus note edit <id> "new text"`; '
        "`/osallisuus notes [year]` lists the highlights."
    )


def sections_text(_: Gettext) -> str:
    return "\n".join(f"• `{NUMBERS[s]}` {numbered_title(s, _)}" for s in ReportSection)


def refusal_text(refused: HighlightRefused, _: Gettext) -> str:
    texts = {
        Refusal.EMPTY: _("Write the highlight's text."),
        Refusal.TOO_LONG: _("The highlight is too long: at most {size} characters."),
        Refusal.BAD_SECTION: _("There is no report section {section!r}. The sections are:"),
        Refusal.BAD_PRIORITY: _(
            "There is no priority {priority!r} in the plan. Give its number, as `/osallisuus status` shows."
        ),
        Refusal.BAD_YEAR: _("The year must be within the plan's period, {first}–{last}; {year} is not."),
        Refusal.NOT_FOUND: _(
            "There is no highlight {id}. `/osallisuus notes` lists them with their numbers."
        ),
        Refusal.NOT_ALLOWED: _("Only the highlight's author or a coordinator can edit highlight #{id}."),
    }
    text = texts[refused.reason].format(**refused.details)
    if refused.reason == Refusal.BAD_SECTION:
        text += "\n" + sections_text(_)
    return text


def _plan(invocation: Invocation, session: Session) -> PlanRecord:
    plan = active_plan(session)
    if plan is None:
        raise ParseError(
            invocation._("No plan is active yet. A coordinator can import one with `osallisuus plan import`.")
        )
    return plan


# --- a new highlight ---------------------------------------------------------------------------------


def _new_form(invocation: Invocation) -> Reply:
    with invocation.db.session() as session:
        plan = _plan(invocation, session)
        return Reply(form=note_form(invocation, plan, None))


def _add_from_words(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    words, options = split_options(args, OPTIONS, _)
    if len(words) < 2:
        raise ParseError(_("A highlight needs its report section and its text."))
    with invocation.db.session() as session:
        plan = _plan(invocation, session)
        draft = Draft(
            year=_year(options.get("year"), plan, invocation),
            section=words[0],
            priority=options.get("priority") or None,
            text=" ".join(words[1:]),
        )
        highlight = service.add(session, plan, draft, invocation.user_id, invocation.now())
        reply = saved_reply(highlight, _)
    return reply


def _year(typed: str | None, plan: PlanRecord, invocation: Invocation) -> int:
    if typed is None or not typed.strip():
        return focus_year(plan, invocation.today())
    year = numbers.year(typed)
    if year is None:
        raise HighlightRefused(
            Refusal.BAD_YEAR, year=typed, first=plan.period_start.year, last=plan.period_end.year
        )
    return year


def saved_reply(highlight: Highlight, _: Gettext) -> Reply:
    section = parse_section(highlight.section)
    title = numbered_title(section, _) if section else highlight.section
    return notice(
        _(
            "Highlight #{id} saved for {year} under *{section}*. `/osallisuus notes {year}` lists the "
            "year's highlights; `/osallisuus note edit {id}` edits this one."
        ).format(id=highlight.id, year=highlight.year, section=title)
    )


# --- editing ------------------------------------------------------------------------------------------


def _edit(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    words, options = split_options(args, OPTIONS, _)
    if not words:
        raise ParseError(_("Which highlight? Give its number, as `/osallisuus notes` shows it."))
    with invocation.db.session() as session:
        plan = _plan(invocation, session)
        highlight = service.find(session, plan, words[0])
        if not service.may_edit(highlight, invocation.user_id, invocation.is_coordinator):
            raise HighlightRefused(Refusal.NOT_ALLOWED, id=highlight.id)
        if len(words) == 1 and not options:
            return Reply(form=note_form(invocation, plan, highlight))
        draft = Draft(
            year=_year(options.get("year"), plan, invocation) if "year" in options else highlight.year,
            section=options.get("section") or highlight.section,
            priority=_priority_option(options, highlight),
            text=" ".join(words[1:]) or highlight.text,
        )
        changed = service.edit(
            session, plan, highlight, draft, invocation.user_id, invocation.is_coordinator, invocation.now()
        )
        if not changed:
            return unchanged_reply(highlight, _)
        return edited_reply(highlight, _)


def _priority_option(options: dict[str, str], highlight: Highlight) -> str | None:
    if "priority" not in options:
        return highlight.priority_key
    typed = options["priority"].strip()
    return None if typed.lower() in ("", NO_PRIORITY, "-") else typed


def unchanged_reply(highlight: Highlight, _: Gettext) -> Reply:
    return notice(_("Highlight #{id} already says that; nothing changed.").format(id=highlight.id))


def edited_reply(highlight: Highlight, _: Gettext) -> Reply:
    return notice(
        _(
            "Highlight #{id} updated; what it said before is kept. `/osallisuus notes {year}` lists the "
            "year's highlights."
        ).format(id=highlight.id, year=highlight.year)
    )


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
            plan = _plan(invocation, session)
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
        year=_year(values.get("year", "").strip(), plan, invocation),
        section=values.get("section", ""),
        priority=None if priority in ("", NO_PRIORITY) else priority,
        text=values.get("text", ""),
    )


def _save(invocation: Invocation, values: dict[str, str], metadata: str) -> Reply:
    _ = invocation._
    try:
        with invocation.db.session() as session:
            plan = _plan(invocation, session)
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
