"""The report sections a highlight can belong to, numbered as in the division's own follow-up report.

Sections 1 and 2 of the report are written by the bot from the plan and its indicators; sections 3–9
hold what people note during the year. The codes are stored: never rename one.
"""

from __future__ import annotations

from enum import StrEnum

from participation.i18n import Gettext


class ReportSection(StrEnum):
    CHILDREN_YOUTH = "children_youth"
    FOREIGN_LANGUAGE = "foreign_language"
    OLDER_PEOPLE = "older_people"
    COMMUNICATION = "communication"
    OTHER_MEASURES = "other_measures"
    DEVIATIONS = "deviations"
    NEXT_PERIOD = "next_period"


NUMBERS: dict[ReportSection, int] = {section: number for number, section in enumerate(ReportSection, start=3)}


def section_title(section: ReportSection, _: Gettext) -> str:
    """The section's heading without its number, worded as in the division's report (seeds 003 and 001)."""
    titles = {
        ReportSection.CHILDREN_YOUTH: _("Promoting the participation of children and young people"),
        ReportSection.FOREIGN_LANGUAGE: _("Promoting the participation of foreign-language speakers"),
        ReportSection.OLDER_PEOPLE: _("Promoting the participation of older people"),
        ReportSection.COMMUNICATION: _("Communication that promotes participation"),
        ReportSection.OTHER_MEASURES: _("Other key measures to promote participation in the division"),
        ReportSection.DEVIATIONS: _("Deviations, problems or risks"),
        ReportSection.NEXT_PERIOD: _("Key tasks for the next reporting period"),
    }
    return titles[section]


def numbered_title(section: ReportSection, _: Gettext) -> str:
    return f"{NUMBERS[section]}. {section_title(section, _)}"


def parse_section(word: str) -> ReportSection | None:
    """A section as people type it: its number in the report (3–9) or its code."""
    text = word.strip().rstrip(".").lower()
    for section, number in NUMBERS.items():
        if text in (str(number), section.value):
            return section
    return None
