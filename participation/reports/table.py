"""The indicator table for further work: one row per indicator and year, as CSV or as an Excel sheet.

CSV is UTF-8 with a byte-order mark and commas, as the poll export writes it: Excel then opens the
Finnish and Swedish letters right, and other tools ignore the mark. No cell, in CSV or in the sheet, can
become a formula (participation/spreadsheet.py). Dates are ISO (2025-11-30) so they
sort; the realisation is the text the report shows, in the report's language.
"""

from __future__ import annotations

import io

from participation.reports.model import Report
from participation.spreadsheet import csv_document

WIDTHS = (7, 32, 40, 12, 28, 50, 14, 16, 22, 10, 30, 40, 30, 20, 13)
WRAPPED = {1, 2, 5, 8, 10, 11}


def rows(report: Report) -> list[list[str]]:
    """The header and a row per indicator and year of the report."""
    text = report.labels
    found = [list(text.columns)]
    for priority in report.priorities:
        for measure in (*priority.division, *priority.city):
            scope = text.division if measure.scope == "division" else text.city
            for indicator in measure.indicators:
                for realisation in indicator.realisations:
                    met = {True: text.yes, False: text.no, None: ""}[realisation.met]
                    found.append(
                        [
                            str(realisation.year),
                            f"{priority.number}. {priority.title}",
                            measure.title,
                            scope,
                            indicator.id,
                            indicator.text,
                            indicator.kind,
                            indicator.target,
                            realisation.display,
                            met,
                            realisation.note or "",
                            realisation.evidence or "",
                            realisation.evidence_url or "",
                            realisation.confirmed_by or "",
                            realisation.confirmed_on.isoformat() if realisation.confirmed_on else "",
                        ]
                    )
    return found


def csv_bytes(report: Report) -> bytes:
    return csv_document(rows(report))


def xlsx_bytes(report: Report) -> bytes:
    # Imported when a sheet is written, not at start-up: openpyxl is slow to load.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = report.labels.sheet[:31]
    for row in rows(report):
        sheet.append([int(cell) if index == 0 and cell.isdigit() else cell for index, cell in enumerate(row)])
        for written in sheet[sheet.max_row]:
            if written.data_type == "f":  # text beginning with "=": kept as the text typed, never a formula
                written.data_type = "s"
    header_fill = PatternFill("solid", fgColor="E6E6F7")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column - 1 in WRAPPED)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.properties.title = report.title
    book.properties.creator = "Osallisuusbotti"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
