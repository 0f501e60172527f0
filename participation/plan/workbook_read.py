"""Reading a plan workbook back. A bad workbook is refused whole: every problem found is said on its own
line, naming the sheet, row and column and why, in the reader's language, and nothing is stored.

The cells are read by the layout `columns` derives from the schema; what the schema then still refuses
(a rating target outside 1–5, a deadline outside the period) is said with the schema's own words.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from participation.i18n import Gettext
from participation.plan.cells import Problems, convert
from participation.plan.columns import (
    PLAN_HEADER,
    PLAN_SHEET,
    ROW_LISTS,
    SHEETS,
    Column,
    Sheet,
    lists,
    plan_fields,
    set_path,
    sheet_columns,
    template,
)
from participation.plan.reasons import schema_reason
from participation.plan.schema import LANGUAGES, IndicatorKind, Plan

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

MAX_BYTES = 2 * 1024 * 1024  # a plan's workbook is some tens of kilobytes


class WorkbookError(Exception):
    """The workbook was refused; `lines` are its problems, one a line, in the reader's language."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


Row = tuple[int, dict[str, Any]]  # the row's number on its sheet, and its data


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
    data = _plan_data(sheets[PLAN_SHEET], problems)
    rows = {spec.name: _rows(sheets[spec.name], spec, problems) for spec in SHEETS}
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
            [problems.line(PLAN_SHEET, None, _loc(e["loc"]), schema_reason(e, _)) for e in error.errors()]
        ) from None


def _header(sheet: Worksheet, expected: list[str], problems: Problems) -> dict[int, str] | None:
    found = {
        number: str(cell.value).strip()
        for number, cell in enumerate(next(sheet.iter_rows(min_row=1, max_row=1), ()), start=1)
        if cell.value is not None and str(cell.value).strip()
    }
    for key in expected:
        if key not in found.values():
            problems.add(sheet.title, 1, key, problems.gettext("The column is missing."))
    for key in found.values():
        if key not in expected:
            problems.add(sheet.title, 1, key, problems.gettext("Unknown column."))
    return found if not problems else None


def _cells(sheet: Worksheet, header: dict[int, str]) -> list[tuple[int, dict[str, Any]]]:
    """Each non-empty row's cells by column key, formulas kept as such (`convert` refuses them)."""
    found = []
    for number, cells in enumerate(sheet.iter_rows(min_row=2), start=2):
        values = {header[i]: c for i, c in enumerate(cells, start=1) if i in header}
        if any(c.value is not None and str(c.value).strip() for c in values.values()):
            found.append((number, values))
    return found


def _plan_data(sheet: Worksheet, problems: Problems) -> dict[str, Any]:
    header = _header(sheet, list(PLAN_HEADER), problems)
    if header is None:
        return {}
    fields = plan_fields()
    data: dict[str, Any] = {}
    for number, cells in _cells(sheet, header):
        path = str(cells["field"].value or "").strip()
        spec = fields.get(template(path))
        if spec is None:
            problems.add(
                PLAN_SHEET, number, "field", problems.gettext("Unknown field “{field}”.").format(field=path)
            )
            continue
        kind, repeated, choices = spec
        if kind == "text":
            required = path in Plan.model_fields and Plan.model_fields[path].is_required()
            text = _text(
                PLAN_SHEET, number, path, {lang: cells[lang] for lang in LANGUAGES}, required, problems
            )
            if text is not None:
                set_path(data, path, text)
            continue
        value = convert(  # an empty row of a list (a link without its address) is no entry
            Column(path, kind, not repeated, choices), cells["value"], PLAN_SHEET, number, problems, "value"
        )
        if value is not None:
            set_path(data, path, value)
    result: dict[str, Any] = lists(data)
    return result


def _text(
    sheet: str, row: int, key: str, cells: dict[str, Any], required: bool, problems: Problems
) -> dict[str, str] | None:
    """A text's three languages: all or (when optional) none; Finnish is never left empty."""
    words = {
        lang: convert(Column(f"{key}.{lang}", "text"), cell, sheet, row, problems)
        for lang, cell in cells.items()
    }
    if not required and not any(words.values()):
        return None
    for lang, value in words.items():
        if not value:
            reason = (
                problems.gettext("The Finnish text is empty.")
                if lang == "fi"
                else problems.gettext("The text is empty.")
            )
            problems.add(sheet, row, lang if sheet == PLAN_SHEET else f"{key}.{lang}", reason)
    return {lang: str(value) for lang, value in words.items()} if all(words.values()) else None


def _rows(sheet: Worksheet, spec: Sheet, problems: Problems) -> list[Row]:
    columns = sheet_columns(spec)
    header = _header(sheet, [column.key for column in columns], problems)
    if header is None:
        return []
    texts = {column.key.rsplit(".", 1)[0]: column.required for column in columns if column.kind == "text"}
    found: list[Row] = []
    for number, cells in _cells(sheet, header):
        data: dict[str, Any] = {}
        for key, required in texts.items():
            text = _text(
                spec.name,
                number,
                key,
                {lang: cells.get(f"{key}.{lang}") for lang in LANGUAGES},
                required,
                problems,
            )
            if text is not None:
                set_path(data, key, text)
        for column in columns:
            if column.kind != "text":
                value = convert(column, cells.get(column.key), spec.name, number, problems)
                if value is not None:
                    set_path(data, column.key, value)
        if _row_fits(spec, number, data, problems):
            found.append((number, data))
    return found


def _row_fits(spec: Sheet, number: int, data: dict[str, Any], problems: Problems) -> bool:
    """The row alone, as the schema sees it (its children come later)."""
    target = data.get("target") or {}
    if data.get("kind") == IndicatorKind.PERCENTAGE.value:
        for bound in ("min", "max"):
            if isinstance(target.get(bound), float | int) and not 0 <= target[bound] <= 100:
                problems.add(
                    spec.name,
                    number,
                    f"target.{bound}",
                    problems.gettext("A percentage target must be between 0 and 100."),
                )
                return False
    if problems:
        return False
    own = {key: value for key, value in data.items() if not spec.parent or key != spec.parent[0]}
    try:
        model: type[BaseModel] = spec.model
        model.model_validate(own)
    except ValidationError as error:
        for e in error.errors():
            problems.add(
                spec.name,
                number,
                _loc(e["loc"]),
                schema_reason(e, problems.gettext),
            )
        return False
    return True


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


def _loc(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location if not isinstance(part, int)) or "–"
