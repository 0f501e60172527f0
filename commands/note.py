"""`note`: record a highlight of the year for the follow-up report, in a form or on one line; `note edit`
changes one (its author or a coordinator), keeping what it said before.

The one-line form is `/osallisuus note 3 "text" [priority=1] [year=2025]`, the section given by its
number in the report (3–9) or its code. The form and its submission live in commands/note_form.py, what
they answer in commands/note_replies.py.
"""

from __future__ import annotations

from commands.context import Invocation
from commands.note_form import NO_PRIORITY, note_form, plan_of, year_of
from commands.note_replies import edited_reply, refusal_text, saved_reply, unchanged_reply, usage
from commands.parsing import ParseError, split_options
from participation.highlights import service
from participation.highlights.service import Draft, HighlightRefused, Refusal
from participation.messages import Reply, notice
from participation.storage.models import Highlight

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


# --- a new highlight ---------------------------------------------------------------------------------


def _new_form(invocation: Invocation) -> Reply:
    with invocation.db.session() as session:
        plan = plan_of(invocation, session)
        return Reply(form=note_form(invocation, plan, None))


def _add_from_words(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    words, options = split_options(args, OPTIONS, _)
    if len(words) < 2:
        raise ParseError(_("A highlight needs its report section and its text."))
    with invocation.db.session() as session:
        plan = plan_of(invocation, session)
        draft = Draft(
            year=year_of(options.get("year"), plan, invocation),
            section=words[0],
            priority=options.get("priority") or None,
            text=" ".join(words[1:]),
        )
        highlight = service.add(session, plan, draft, invocation.user_id, invocation.now())
        reply = saved_reply(highlight, _)
    return reply


# --- editing ------------------------------------------------------------------------------------------


def _edit(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    words, options = split_options(args, OPTIONS, _)
    if not words:
        raise ParseError(_("Which highlight? Give its number, as `/osallisuus notes` shows it."))
    with invocation.db.session() as session:
        plan = plan_of(invocation, session)
        highlight = service.find(session, plan, words[0])
        if not service.may_edit(highlight, invocation.user_id, invocation.is_coordinator):
            raise HighlightRefused(Refusal.NOT_ALLOWED, id=highlight.id)
        if len(words) == 1 and not options:
            return Reply(form=note_form(invocation, plan, highlight))
        draft = Draft(
            year=year_of(options.get("year"), plan, invocation) if "year" in options else highlight.year,
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
