"""Cells for a spreadsheet: text that a person typed (a comment, a note, a highlight) must stay text.

Excel, LibreOffice and Google Sheets read a CSV cell that begins with `=`, `+`, `-` or `@` (or a tab or
carriage return before one) as a formula, so a comment like `=HYPERLINK(…)` would run when the file is
opened ("CSV injection"). Every CSV the bot writes goes through `csv_document`, which puts an apostrophe
before such a cell, as OWASP advises: the spreadsheet then shows the text as it was typed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """`value` as a cell's text that no spreadsheet reads as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_document(rows: Iterable[Iterable[object]]) -> bytes:
    """Rows as CSV in UTF-8 with a byte-order mark (Excel then reads ä and ö right), every cell neutral."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
