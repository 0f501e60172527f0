"""From a report to files: the formats people can ask for, and the names the files get."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from participation.reports.charts import Charts, draw_charts
from participation.reports.markdown import markdown_bytes
from participation.reports.model import Report
from participation.reports.page import html_bytes
from participation.reports.table import csv_bytes, xlsx_bytes


def _docx(report: Report, charts: Charts) -> bytes:
    # Imported when a Word file is written, not at start-up: python-docx (and lxml) are slow to load.
    from participation.reports.word import docx_bytes

    return docx_bytes(report, charts)


FORMATS: dict[str, Callable[[Report, Charts], bytes]] = {
    "docx": _docx,
    "html": html_bytes,
    "md": markdown_bytes,
    "csv": lambda report, _charts: csv_bytes(report),
    "xlsx": lambda report, _charts: xlsx_bytes(report),
}
DOCUMENTS = ("docx", "html", "md")  # the formats that are the report itself; csv and xlsx are its table
ALIASES = {"markdown": "md", "word": "docx", "excel": "xlsx", "htm": "html"}


@dataclass(frozen=True)
class RenderedFile:
    filename: str
    content: bytes
    title: str


def file_name(report: Report, extension: str, kind: str | None = None) -> str:
    """`osallisuusraportti-2025-fi.docx`; a chart adds its kind before the extension."""
    stem = f"{report.labels.file_stem}-{report.span}-{report.language}"
    return f"{stem}-{kind}.{extension}" if kind else f"{stem}.{extension}"


def charts_for(report: Report, formats: tuple[str, ...]) -> Charts:
    """The charts, drawn only when a document format (the ones that show them) is asked for: drawing
    them is most of a report's time, and a CSV or XLSX table has no use for them."""
    if any(output in DOCUMENTS for output in formats):
        return draw_charts(report)
    return Charts(satisfaction=None, meetings=None)


def render(report: Report, charts: Charts, output: str) -> RenderedFile:
    """The report in one format; raises KeyError for a format not in FORMATS (callers check first)."""
    content = FORMATS[output](report, charts)
    return RenderedFile(file_name(report, output), content, f"{report.title} ({output.upper()})")


def chart_files(report: Report, charts: Charts) -> list[RenderedFile]:
    text = report.labels
    names = {"satisfaction": text.satisfaction_file, "meetings": text.meetings_file}
    titles = {"satisfaction": text.satisfaction_chart, "meetings": text.meetings_chart}
    return [
        RenderedFile(
            file_name(report, "png", names[kind]), png, f"{titles[kind]} {report.span.replace('-', '–')}"
        )
        for kind, png in charts.pictures()
    ]
