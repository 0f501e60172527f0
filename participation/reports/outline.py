"""The report as a sequence of plain document blocks (headings, paragraphs, lists, tables, pictures), in
the order of the division's own report. DOCX, HTML and Markdown each only draw these blocks, so the three
formats cannot drift apart in what they say.
"""

from __future__ import annotations

from participation.i18n import date_text
from participation.reports.appendix import meetings, missing
from participation.reports.blocks import (
    Block,
    Cell,
    Heading,
    Items,
    Line,
    Paragraph,
    Table,
    Title,
)
from participation.reports.charts import Charts
from participation.reports.model import MeasureRow, Realisation, Report, SectionPart
from participation.reports.plan_texts import TextPart

__all__ = ["outline"]


def outline(report: Report, charts: Charts) -> list[Block]:
    return [
        *_front(report),
        *_structures(report),
        *_priorities(report),
        *(block for section in report.sections for block in _section(report, section)),
        *meetings(report, charts),
        *missing(report),
        *(block for part in report.closing for block in _text_part(part, 1)),
    ]


def section_headings(report: Report) -> list[str]:
    """The nine numbered headings, as the contents list and the body give them."""
    text = report.labels
    return [
        f"1. {text.structures}",
        "2. " + text.priorities.format(years=report.plan_years),
        *(f"{s.number}. {s.title}" for s in report.sections),
    ]


def _front(report: Report) -> list[Block]:
    text = report.labels
    blocks: list[Block] = [Title(report.title)]
    if report.subtitle:
        blocks.append(Paragraph(report.subtitle, strong=True))
    blocks.append(Paragraph(text.reporting_period.format(period=report.period_text)))
    if report.decision:
        blocks.append(Paragraph(text.decision.format(decision=report.decision)))
    compiled = date_text(report.compiled_on, report.language)
    blocks.append(Paragraph(text.compiled.format(date=compiled), note=True))
    blocks.append(Heading(1, text.contents))
    blocks.append(Items(tuple(Line(h) for h in section_headings(report)), bullets=False))
    return blocks


def _structures(report: Report) -> list[Block]:
    text = report.labels
    blocks: list[Block] = [Heading(1, section_headings(report)[0])]
    # "Osallisuustyötä ohjaavat" and "Lait" in Finnish, one "… följande lagar:" in Swedish (seed 001)
    for level, heading in enumerate(text.guides_and_laws.split("|"), start=2):
        blocks.append(Heading(min(level, 3), heading.strip()))
    if report.laws:
        blocks.append(Items(tuple(Line(law) for law in report.laws)))
    for part in report.introduction:
        blocks += _text_part(part, 2)
    return blocks


def _text_part(part: TextPart, level: int) -> list[Block]:
    """A section of the plan's own texts: its heading, its paragraphs, then its list (links linked)."""
    blocks: list[Block] = [Heading(level, part.heading)]
    blocks += [Paragraph(paragraph) for paragraph in part.paragraphs]
    if part.items:
        blocks.append(Items(tuple(Line(text, url=url) for text, url in part.items)))
    return blocks


def _priorities(report: Report) -> list[Block]:
    text = report.labels
    blocks: list[Block] = [Heading(1, section_headings(report)[1])]
    for priority in report.priorities:
        blocks.append(Heading(2, priority.title))
        blocks += [Paragraph(p.strip()) for p in priority.goal.split("\n") if p.strip()]
        for header, measures in (
            (text.division_measures, priority.division),
            (text.city_measures, priority.city),
        ):
            if measures:
                blocks.append(_indicator_table(report, header, measures))
    return blocks


def _indicator_table(report: Report, first: str, measures: tuple[MeasureRow, ...]) -> Table:
    text = report.labels
    rows: list[tuple[Cell, ...]] = []
    spans: list[int] = []
    for measure in measures:
        indicators = measure.indicators
        spans.append(max(1, len(indicators)))
        if not indicators:
            rows.append(((Line(measure.title),), (Line(text.no_indicator, note=True),), ()))
        for indicator in indicators:
            about = [Line(indicator.text)]
            if indicator.target:
                about.append(Line(indicator.target, note=True))
            if indicator.computed:
                about.append(Line(text.computed, note=True))
            done = tuple(line for r in indicator.realisations for line in _realisation(report, r))
            rows.append(((Line(measure.title),), tuple(about), done))
    return Table((first, text.indicators, text.realisation), tuple(rows), tuple(spans))


def _realisation(report: Report, realisation: Realisation) -> list[Line]:
    prefix = f"{realisation.year}: " if len(report.years) > 1 else ""
    text = report.labels
    lines = [Line(prefix + realisation.display, keep=True)]
    if realisation.verdicts:  # a count per network: each network meets the target or does not
        verdicts = ((line, text.yes if met else text.no) for line, met in realisation.verdicts)
        lines = [Line(prefix + text.network_verdict.format(count=c, verdict=v)) for c, v in verdicts]
    if realisation.note:
        lines.append(Line(realisation.note, note=True))
    evidence = report.labels.evidence
    if realisation.evidence:
        lines.append(Line(evidence.format(text=realisation.evidence), note=True))
    if realisation.evidence_url:
        url = realisation.evidence_url
        shown = url if realisation.evidence else evidence.format(text=url)
        linked = url.lower().startswith(("https://", "http://"))  # never a javascript: or file: link
        lines.append(Line(shown, url=url if linked else None, note=True))
    return lines


def _section(report: Report, section: SectionPart) -> list[Block]:
    blocks: list[Block] = [Heading(1, f"{section.number}. {section.title}")]
    if not section.groups:
        return [*blocks, Paragraph(report.labels.nothing_recorded, note=True)]
    tagged = any(group.priority is not None for group in section.groups)
    for group in section.groups:
        if group.priority is not None or tagged:  # untagged notes apart, not under the last priority
            blocks.append(Heading(2, group.priority or report.labels.other_highlights))
        prefix = len(report.years) > 1
        blocks.append(Items(tuple(Line(f"{i.year}: {i.text}" if prefix else i.text) for i in group.items)))
    return blocks
