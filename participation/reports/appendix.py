"""The bot's own parts after the seed's nine sections: the network meetings with their charts, and what
is still missing from the report."""

from __future__ import annotations

from participation.i18n import date_text
from participation.reports.blocks import Block, Cell, Heading, Items, Line, Paragraph, Picture, Table
from participation.reports.charts import Charts
from participation.reports.meetings import MeetingRow
from participation.reports.model import Gap, Report


def meetings(report: Report, charts: Charts) -> list[Block]:
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
    # the chart's own title names it; the caption says how to read it, rather than repeat the title
    captions = {"satisfaction": text.satisfaction_caption, "meetings": text.meetings_caption}
    names = {"satisfaction": text.satisfaction_file, "meetings": text.meetings_file}
    for kind, png in charts.pictures():
        blocks.append(Picture(png, captions[kind], names[kind]))
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


def missing(report: Report) -> list[Block]:
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
