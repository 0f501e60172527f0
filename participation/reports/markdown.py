"""The report as Markdown, for a wiki or a pull request: the same headings, lists and tables as the other
formats. Markdown has no place for pictures without separate files, so the charts are named instead."""

from __future__ import annotations

from participation.reports.blocks import (
    Block,
    Cell,
    Heading,
    Items,
    Line,
    Paragraph,
    Picture,
    Table,
    Title,
)
from participation.reports.charts import Charts
from participation.reports.model import Report
from participation.reports.outline import outline


def markdown_bytes(report: Report, charts: Charts) -> bytes:
    parts: list[str] = []
    pictures_named = False
    for block in outline(report, charts):
        if isinstance(block, Picture):
            if not pictures_named:
                parts.append(f"_{_escape(report.labels.charts_elsewhere)}_")
                pictures_named = True
            continue
        parts.append(_draw(block))
    return ("\n\n".join(parts) + "\n").encode("utf-8")


def _draw(block: Block) -> str:
    if isinstance(block, Title):
        return f"# {_escape(block.text)}"
    if isinstance(block, Heading):
        return f"{'#' * (block.level + 1)} {_escape(block.text)}"
    if isinstance(block, Paragraph):
        text = _escape(block.text)
        return f"**{text}**" if block.strong else f"_{text}_" if block.note else text
    if isinstance(block, Items):
        marker = "- " if block.bullets else ""
        ending = "" if block.bullets else "  "  # two spaces: a line break without a list
        return "\n".join(f"{marker}{_line(item)}{ending}" for item in block.items)
    if isinstance(block, Table):
        return _table(block)
    return ""


def _table(block: Table) -> str:
    starts = _group_starts(block)
    lines = [
        "| " + " | ".join(_escape(title) for title in block.header) + " |",
        "|" + "|".join(" --- " for _ in block.header) + "|",
    ]
    for index, row in enumerate(block.rows):
        cells = [
            "" if column == 0 and block.spans and index not in starts else _cell(content)
            for column, content in enumerate(row)
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _group_starts(block: Table) -> set[int]:
    starts, row = set(), 0
    for span in block.spans:
        starts.add(row)
        row += span
    return starts


def _cell(content: Cell) -> str:
    return "<br>".join(_line(line) for line in content)


def _line(line: Line) -> str:
    text = _escape(line.text)
    if line.url:
        text = f"[{text}](<{line.url.replace('>', '%3E')}>)"
    return f"_{text}_" if line.note else text


def _escape(text: str) -> str:
    """Characters Markdown would read as markup or as a table's column break, and line breaks in a cell."""
    for character in "\\`*_[]|<>#":
        text = text.replace(character, "\\" + character)
    return " ".join(text.split("\n"))
