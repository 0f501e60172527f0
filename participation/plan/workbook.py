"""A plan as an Excel workbook the coordinators edit in Excel or LibreOffice, and read back by
`workbook_read`: one Plan sheet of fields, then Priorities, Measures, Indicators and Deadlines.

Typed text never becomes a formula: a text beginning with `=`, `+`, `-` or `@` is written as a string
cell marked with Excel's quote prefix (what typing `'=` does), so the spreadsheet shows it as text and
reading it back gives the text unchanged.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from participation.plan.columns import (
    PLAN_HEADER,
    PLAN_SHEET,
    SHEETS,
    Column,
    Sheet,
    get_path,
    plan_fields,
    sheet_columns,
)
from participation.plan.schema import LANGUAGES, Plan
from participation.spreadsheet import FORMULA_STARTS

ID_FILL = PatternFill("solid", fgColor="D9D9D9")
HEADER_FONT = Font(bold=True)
VALIDATED_ROWS = 500  # the drop-down lists reach this far down, past any plan's rows
ID_NOTE = "Stable id: do not change an existing one (records are kept against it). A new row needs a new id."


def export_workbook(plan: Plan) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = PLAN_SHEET
    _plan_sheet(sheet, plan)
    for spec in SHEETS:
        _row_sheet(book.create_sheet(spec.name), spec, _items(plan, spec))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write one cell; text stays text, whatever it begins with."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        if "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = value
    assert isinstance(cell, Cell)
    return cell


def _header(sheet: Worksheet, keys: list[str], id_column: int | None) -> None:
    for number, key in enumerate(keys, start=1):
        cell = put(sheet, 1, number, key)
        cell.font = HEADER_FONT
        sheet.column_dimensions[get_column_letter(number)].width = 40 if key[-3:-2] == "." else 18
    if id_column is not None:
        cell = sheet.cell(row=1, column=id_column)
        cell.fill = ID_FILL
        cell.comment = Comment(ID_NOTE, "osallisuusbotti")
    sheet.freeze_panes = "B2"


def _plan_sheet(sheet: Worksheet, plan: Plan) -> None:
    _header(sheet, list(PLAN_HEADER), None)
    data = plan.model_dump(mode="json", exclude_none=True)
    row = 2
    for path, (kind, _repeated, choices) in plan_fields().items():
        for instance, value in _instances(data, path):
            put(sheet, row, 1, instance).fill = ID_FILL
            if kind == "text":
                for offset, language in enumerate(LANGUAGES):
                    put(sheet, row, 3 + offset, (value or {}).get(language))
            else:
                put(sheet, row, 2, _cell_value(kind, value))
                if choices:
                    _choices(sheet, choices, f"B{row}")
            row += 1


def _instances(data: dict[str, Any], path: str) -> list[tuple[str, Any]]:
    """The rows of one Plan field: itself, or one per item of each list on its path (at least one row
    of each, to fill in)."""
    if "[n]" not in path:
        return [(path, get_path(data, path))]
    head, _, rest = path.partition("[n]")
    rest = rest.removeprefix(".")
    rows: list[tuple[str, Any]] = []
    for number, item in enumerate(get_path(data, head) or [None], start=1):
        prefix = f"{head}[{number}]"
        if not rest:
            rows.append((prefix, item))
            continue
        rows += [(f"{prefix}.{sub}", value) for sub, value in _instances(item or {}, rest)]
    return rows


def _items(plan: Plan, spec: Sheet) -> list[tuple[str | None, dict[str, Any]]]:
    """Each row's data and the id of the item it belongs to."""
    exclude = {spec.children} if spec.children else set()
    if spec.name == "Priorities":
        return [(None, p.model_dump(mode="json", exclude=exclude)) for p in plan.priorities]
    if spec.name == "Measures":
        return [
            (p.id, m.model_dump(mode="json", exclude=exclude)) for p in plan.priorities for m in p.measures
        ]
    if spec.name == "Indicators":
        return [(m.id, i.model_dump(mode="json")) for _p, m, i in plan.indicators()]
    return [(None, d.model_dump(mode="json")) for d in plan.reporting_deadlines]


def _row_sheet(sheet: Worksheet, spec: Sheet, items: list[tuple[str | None, dict[str, Any]]]) -> None:
    columns = sheet_columns(spec)
    _header(sheet, [column.key for column in columns], 1)
    for row, (parent, data) in enumerate(items, start=2):
        for number, column in enumerate(columns, start=1):
            value = parent if spec.parent and column.key == spec.parent[0] else get_path(data, column.key)
            cell = put(sheet, row, number, _cell_value(column.kind, value))
            if number == 1:
                cell.fill = ID_FILL
    for number, column in enumerate(columns, start=1):
        _validate(sheet, column, get_column_letter(number))


def _cell_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "words":
        return ", ".join(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    return value


def _validate(sheet: Worksheet, column: Column, letter: str) -> None:
    if column.kind == "enum":
        _choices(sheet, column.choices, f"{letter}2:{letter}{VALIDATED_ROWS}")
    elif column.kind == "bool":
        _choices(sheet, ("TRUE", "FALSE"), f"{letter}2:{letter}{VALIDATED_ROWS}")


def _choices(sheet: Worksheet, choices: tuple[str, ...], where: str) -> None:
    """A drop-down list of the values the schema accepts."""
    rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    rule.error, rule.errorTitle = "Choose a value from the list.", "Not in the list"
    sheet.add_data_validation(rule)
    rule.add(where)
