"""Each sheet of a plan workbook read into data, row by row, with what a single row or cell can refuse.

A problem is added to `Problems` and reading goes on, so one pass names every bad cell; the ids across
sheets and the tree they make are `workbook_read`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from participation.plan.cells import Problems, convert
from participation.plan.columns import (
    PLAN_HEADER,
    PLAN_SHEET,
    Column,
    Sheet,
    lists,
    plan_fields,
    set_path,
    sheet_columns,
    template,
)
from participation.plan.reasons import schema_location, schema_reason
from participation.plan.schema import LANGUAGES, IndicatorKind, Plan

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

Row = tuple[int, dict[str, Any]]  # the row's number on its sheet, and its data


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


def plan_data(sheet: Worksheet, problems: Problems) -> dict[str, Any]:
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


def sheet_rows(sheet: Worksheet, spec: Sheet, problems: Problems) -> list[Row]:
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
                schema_location(e["loc"]),
                schema_reason(e, problems.gettext),
            )
        return False
    return True
