"""The report as a sequence of plain document blocks (headings, paragraphs, lists, tables, pictures), in
the order of the division's own report. DOCX, HTML and Markdown each only draw these blocks, so the three
formats cannot drift apart in what they say.
"""

from __future__ import annotations

from dataclasses import dataclass

from participation.i18n import date_text
from participation.reports.charts import Charts
from participation.reports.meetings import MeetingRow
from participation.reports.model import Gap, MeasureRow, Realisation, Report, SectionPart


@dataclass(frozen=True)
class Line:
    text: str
    url: str | None = None
    note: bool = False  # drawn smaller or in italics: a target, a comment, evidence


Cell = tuple[Line, ...]


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Heading:
    level: int  # 1–3
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    note: bool = False
    strong: bool = False


@dataclass(frozen=True)
class Items:
    items: tuple[Line, ...]
    bullets: bool = True


@dataclass(frozen=True)
class Table:
    """`spans` gives, for each group of rows sharing a first cell, how many rows it covers."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    spans: tuple[int, ...] = ()


@dataclass(frozen=True)
class Picture:
    png: bytes
    caption: str
    name: str


Block = Title | Heading | Paragraph | Items | Table | Picture


def outline(report: Report, charts: Charts) -> list[Block]:
    return [
        *_front(report),
        *_structures(report),
        *_priorities(report),
        *(block for section in report.sections for block in _section(report, section)),
        *_meetings(report, charts),
        *_missing(report),
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
    blocks.append(Paragraph(text.compiled.format(date=_date(report)), note=True))
    blocks.append(Heading(1, text.contents))
    blocks.append(Items(tuple(Line(h) for h in section_headings(report)), bullets=False))
    return blocks


def _date(report: Report) -> str:
    return date_text(report.compiled_on, report.language)


def _structures(report: Report) -> list[Block]:
    text = report.labels
    blocks: list[Block] = [
        Heading(1, section_headings(report)[0]),
        Heading(2, text.guides),
        Heading(3, text.laws),
    ]
    if report.laws:
        blocks.append(Items(tuple(Line(law) for law in report.laws)))
    return blocks


def _priorities(report: Report) -> list[Block]:
    text = report.labels
    blocks: list[Block] = [Heading(1, section_headings(report)[1])]
    for priority in report.priorities:
        blocks.append(Heading(2, priority.title))
        if priority.goal:
            blocks.append(Paragraph(priority.goal))
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
            rows.append(((Line(measure.title),), (Line("–"),), (Line("–"),)))
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
    lines = [Line(prefix + realisation.display)]
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
    for group in section.groups:
        if group.priority is not None:
            blocks.append(Heading(2, group.priority))
        prefix = len(report.years) > 1
        blocks.append(Items(tuple(Line(f"{i.year}: {i.text}" if prefix else i.text) for i in group.items)))
    return blocks


def _meetings(report: Report, charts: Charts) -> list[Block]:
    text = report.labels
    blocks: list[Block] = [Heading(1, text.meetings)]
    low, high = (report.fmt(bound) for bound in report.meetings_target)
    held = report.held_in_report
    if held:
        lines = (
            text.meetings_held.format(network=r.network, year=r.year, held=r.held, low=low, high=high)
            for r in held
        )
        blocks.append(Items(tuple(Line(line) for line in lines)))
    if not report.meetings:
        blocks.append(Paragraph(text.no_meetings, note=True))
    else:
        header = (text.date, text.network, text.meeting, text.satisfaction, text.answers)
        blocks.append(Table(header, tuple(_meeting_row(report, row) for row in report.meetings)))
    captions = {"satisfaction": text.satisfaction_chart, "meetings": text.meetings_chart}
    names = {"satisfaction": text.satisfaction_file, "meetings": text.meetings_file}
    for kind, png in charts.pictures():
        blocks.append(Picture(png, f"{captions[kind]} {report.span.replace('-', '–')}", names[kind]))
    return blocks


def _meeting_row(report: Report, row: MeetingRow) -> tuple[Cell, ...]:
    text = report.labels
    shown = {
        "none": text.no_poll,
        "open": text.poll_open,
        "few": text.too_few_answers,
        "shown": report.fmt(row.average) if row.average is not None else "",
    }[row.poll]
    answers = str(row.answers) if row.poll != "none" else "–"
    return (
        (Line(date_text(row.day, report.language)),),
        (Line(row.network),),
        (Line(row.title),),
        (Line(shown, note=row.poll != "shown"),),
        (Line(answers),),
    )


def _gap(report: Report, gap: Gap) -> str:
    text = report.labels
    if gap.owners:
        line = text.missing_indicator.format(text=gap.text, id=gap.indicator_id, owners=", ".join(gap.owners))
    else:
        line = text.missing_unowned.format(text=gap.text, id=gap.indicator_id)
    return f"{gap.year}: {line}" if len(report.years) > 1 else line


def _missing(report: Report) -> list[Block]:
    text = report.labels
    blocks: list[Block] = [Heading(1, text.missing)]
    if not report.gaps and not report.empty_sections:
        return [*blocks, Paragraph(text.nothing_missing)]
    if report.gaps:
        blocks.append(Paragraph(text.missing_intro))
        lines = (_gap(report, gap) for gap in report.gaps)
        blocks.append(Items(tuple(Line(line) for line in lines)))
    if report.empty_sections:
        lines = (text.missing_section.format(section=f"{s.number}. {s.title}") for s in report.empty_sections)
        blocks.append(Items(tuple(Line(line) for line in lines)))
    return blocks
