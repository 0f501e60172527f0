"""One cell of a plan workbook, read as the schema wants it, and the problems found, said in the reader's
language with the sheet, row and column they are in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from participation.i18n import Gettext
from participation.plan.columns import Column

_YES = {"true", "yes", "kyllä", "ja", "x", "1"}
_NO = {"false", "no", "ei", "nej", "0"}


class Problems:
    def __init__(self, gettext: Gettext) -> None:
        self.gettext = gettext
        self.lines: list[str] = []

    def __bool__(self) -> bool:
        return bool(self.lines)

    def line(self, sheet: str, row: int | None, column: str | None, reason: str) -> str:
        _ = self.gettext
        if row is None:
            return _("Sheet {sheet}: {reason}").format(sheet=sheet, reason=reason)
        return _("Sheet {sheet}, row {row}, column {column}: {reason}").format(
            sheet=sheet, row=row, column=column or "–", reason=reason
        )

    def add(self, sheet: str, row: int | None, column: str | None, reason: str) -> None:
        self.lines.append(self.line(sheet, row, column, reason))


def convert(
    column: Column, cell: Any, sheet: str, row: int, problems: Problems, where: str | None = None
) -> Any:
    """The cell's value for the schema, or None when it is empty or wrong (then a problem is added)."""
    value = None if cell is None else cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        if column.required and column.kind != "text":
            problems.add(sheet, row, where or column.key, problems.gettext("This cell needs a value."))
        return None
    _ = problems.gettext
    if getattr(cell, "data_type", None) == "f":
        problems.add(
            sheet, row, where or column.key, _("A formula is not accepted here; type the value itself.")
        )
        return None
    try:
        return _READERS[column.kind](column, value)
    except ValueError:
        reasons = {
            "int": _("Not a whole number."),
            "float": _("Not a number."),
            "date": _("Not a date (write it as 2026-05-31)."),
            "bool": _("Write TRUE or FALSE."),
            "enum": _("Unknown value “{value}”: choose one of {choices}.").format(
                value=value, choices=", ".join(column.choices)
            ),
        }
        problems.add(sheet, row, where or column.key, reasons.get(column.kind, _("Not valid.")))
        return None


def _text(_column: Column, value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value)


def _int(_column: Column, value: Any) -> int:
    number = _float(_column, value)
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def _float(_column: Column, value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    return float(str(value).strip().replace(",", ".").replace("\u2212", "-"))


def _date(_column: Column, value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(str(value).strip()).isoformat()


def _bool(_column: Column, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _YES or word in _NO:
        return word in _YES
    raise ValueError(value)


def _enum(column: Column, value: Any) -> str:
    word = str(value).strip()
    if word not in column.choices:
        raise ValueError(value)
    return word


def _words(_column: Column, value: Any) -> list[str]:
    return [word.strip() for word in str(value).split(",") if word.strip()]


def _plain(_column: Column, value: Any) -> str:
    return _text(_column, value).strip()


_READERS = {
    "text": _text,
    "str": _plain,
    "int": _int,
    "float": _float,
    "date": _date,
    "bool": _bool,
    "enum": _enum,
    "words": _words,
}
