"""The report's texts that belong to the plan, not to the bot: the introduction and closing sections,
and the priorities as the report words them (which may differ from the plan's own wording)."""

from __future__ import annotations

from dataclasses import dataclass

from participation.plan.schema import Plan, TextSection

Wording = dict[str, tuple[str, str]]  # priority id -> (title, goal) as the report gives them


@dataclass(frozen=True)
class TextPart:
    """A fixed part of the report that the plan file holds; `items` are (text, https link or None)."""

    heading: str
    paragraphs: tuple[str, ...]
    items: tuple[tuple[str, str | None], ...]


def report_wording(plan: Plan, language: str) -> Wording:
    """Each priority's title and goal in the report: `report_title`/`report_goal` where the plan has them."""
    wording = {}
    for priority in plan.priorities:
        title = priority.report_title or priority.title
        goal = priority.report_goal or priority.goal
        wording[priority.id] = (title.get(language), goal.get(language) if goal else "")
    return wording


def text_parts(sections: tuple[TextSection, ...], language: str) -> tuple[TextPart, ...]:
    return tuple(
        TextPart(
            heading=section.heading.get(language),
            paragraphs=tuple(paragraph.get(language) for paragraph in section.paragraphs),
            items=tuple((item.text.get(language), item.url) for item in section.items),
        )
        for section in sections
    )
