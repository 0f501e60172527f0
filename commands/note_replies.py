"""What `note`, its form and `notes` answer: the usage, why a highlight was refused, and that one was saved
or edited."""

from __future__ import annotations

from participation.highlights.sections import NUMBERS, ReportSection, numbered_title, parse_section
from participation.highlights.service import HighlightRefused, Refusal
from participation.i18n import Gettext
from participation.messages import Reply, notice
from participation.storage.models import Highlight


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


def saved_reply(highlight: Highlight, _: Gettext) -> Reply:
    section = parse_section(highlight.section)
    title = numbered_title(section, _) if section else highlight.section
    return notice(
        _(
            "Highlight #{id} saved for {year} under *{section}*. `/osallisuus notes {year}` lists the "
            "year's highlights; `/osallisuus note edit {id}` edits this one."
        ).format(id=highlight.id, year=highlight.year, section=title)
    )


def unchanged_reply(highlight: Highlight, _: Gettext) -> Reply:
    return notice(_("Highlight #{id} already says that; nothing changed.").format(id=highlight.id))


def edited_reply(highlight: Highlight, _: Gettext) -> Reply:
    return notice(
        _(
            "Highlight #{id} updated; what it said before is kept. `/osallisuus notes {year}` lists the "
            "year's highlights."
        ).format(id=highlight.id, year=highlight.year)
    )
