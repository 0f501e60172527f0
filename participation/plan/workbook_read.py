"""Reading a plan workbook back. A bad workbook is refused whole: every problem found is said on its own
line, naming the sheet, row and column and why, in the reader's language, and nothing is stored.

The cells are read by the layout `columns` derives from the schema; what the schema then still refuses
(a rating target outside 1–5, a deadline outside the period) is said with the schema's own words.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from participation.i18n import Gettext
from participation.plan.cells import Problems
from participation.plan.columns import PLAN_SHEET, ROW_LISTS, SHEETS
from participation.plan.reasons import schema_location, schema_reason
from participation.plan.schema import Plan
from participation.plan.workbook_sheets import Row, plan_data, sheet_rows

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

MAX_BYTES = 2 * 1024 * 1024  # a plan's workbook is some tens of kilobytes


class WorkbookError(Exception):
    """The workbook was refused; `lines` are its problems, one a line, in the reader's language."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


def read_workbook(content: bytes, _: Gettext) -> Plan:
    if len(content) > MAX_BYTES:
        limit, size = MAX_BYTES / 1024 / 1024, len(content) / 1024 / 1024
        raise WorkbookError(
            [
                _("The file is too large ({size:.1f} MB); the limit is {limit:.0f} MB.").format(
                    size=size, limit=limit
                )
            ]
        )
    from openpyxl import load_workbook  # loads when a workbook arrives, not when the worker starts

    try:
        book = load_workbook(io.BytesIO(content), data_only=False)
    except Exception:
        raise WorkbookError([_("This file is not an Excel workbook (.xlsx).")]) from None
    problems = Problems(_)
    sheets: dict[str, Worksheet] = {}
    for name in (PLAN_SHEET, *(spec.name for spec in SHEETS)):
        if name in book.sheetnames:
            sheets[name] = book[name]
        else:
            problems.add(name, None, None, _("The sheet is missing."))
    if problems:
        raise WorkbookError(problems.lines)
    data = plan_data(sheets[PLAN_SHEET], problems)
    rows = {spec.name: sheet_rows(sheets[spec.name], spec, problems) for spec in SHEETS}
    if not problems:
        _check_ids(rows, problems)
    if problems:
        raise WorkbookError(problems.lines)
    for field, sheet in ROW_LISTS.items():
        data[field] = _tree(sheet, rows)
    try:
        return Plan.model_validate(data)
    except ValidationError as error:
        raise WorkbookError(
            [
                problems.line(PLAN_SHEET, None, schema_location(e["loc"]), schema_reason(e, _))
                for e in error.errors()
            ]
        ) from None


def _check_ids(rows: dict[str, list[Row]], problems: Problems) -> None:
    """Ids are unique across priorities, measures and indicators, and every parent exists."""
    seen: dict[str, tuple[str, int]] = {}
    for spec in SHEETS:
        for number, data in rows[spec.name]:
            key = str(data.get("id"))
            if key in seen and spec.name != "Deadlines":
                sheet, row = seen[key]
                problems.add(
                    spec.name,
                    number,
                    "id",
                    problems.gettext(
                        "The id “{id}” is used twice (also on sheet {sheet}, row {row})."
                    ).format(id=key, sheet=sheet, row=row),
                )
            seen.setdefault(key, (spec.name, number))
            if spec.parent:
                column, parent_sheet = spec.parent
                parents = {str(d.get("id")) for _n, d in rows[parent_sheet]}
                if str(data.get(column)) not in parents:
                    problems.add(
                        spec.name,
                        number,
                        column,
                        problems.gettext("There is no “{id}” on the {sheet} sheet.").format(
                            id=data.get(column), sheet=parent_sheet
                        ),
                    )


def _tree(sheet: str, rows: dict[str, list[Row]]) -> list[dict[str, Any]]:
    """The rows of `sheet` with their children from the sheets below, in the workbook's order."""
    spec = next(s for s in SHEETS if s.name == sheet)
    items = [dict(data) for _n, data in rows[sheet]]
    if spec.children:
        below = next(s for s in SHEETS if s.parent and s.parent[1] == sheet)
        assert below.parent is not None
        children = _tree(below.name, rows)
        for item in items:
            item[spec.children] = [
                {k: v for k, v in child.items() if k != below.parent[0]}
                for child in children
                if child.get(below.parent[0]) == item["id"]
            ]
    return items
