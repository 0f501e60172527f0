"""The workbook's layout, derived from the plan schema rather than written out field by field.

Every field of a row model becomes columns: a `Text` three (`title.fi`, `title.sv`, `title.en`), a
nested model one per field (`target.min`), a tuple of words one cell of comma-separated words. A field
added to the schema later (say an optional `report_title: Text` on priorities) so gets its columns, and
is read back, without a change here. The plan's own fields are rows of the Plan sheet, keyed by a path
(`title`, `period.start`, `laws[2]`, `introduction[1].heading`), by the same rule.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel

from participation.plan.schema import (
    LANGUAGES,
    Indicator,
    Measure,
    Plan,
    Priority,
    ReportingDeadline,
    Text,
)

Kind = Literal["text", "str", "int", "float", "bool", "date", "enum", "words"]


@dataclass(frozen=True)
class Column:
    key: str  # the header, also the dotted path into the row's data
    kind: Kind
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    """A sheet of rows, one per item; `parent` names the column that points to the item above."""

    name: str
    model: type[BaseModel]
    children: str | None = None
    parent: tuple[str, str] | None = None  # (column, sheet it points into)


PLAN_SHEET = "Plan"
PLAN_HEADER = ("field", "value", *LANGUAGES)
SHEETS = (
    Sheet("Priorities", Priority, children="measures"),
    Sheet("Measures", Measure, children="indicators", parent=("priority", "Priorities")),
    Sheet("Indicators", Indicator, parent=("measure", "Measures")),
    Sheet("Deadlines", ReportingDeadline),
)
ROW_LISTS = {"priorities": "Priorities", "reporting_deadlines": "Deadlines"}
_INDEX = re.compile(r"\[(\d+)\]")


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type inside `X | None`, and whether None was allowed."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in args:
        inner = [arg for arg in args if arg is not type(None)]
        return inner[0], True
    return annotation, False


def _scalar(annotation: Any) -> tuple[Kind, tuple[str, ...]]:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "enum", tuple(str(member.value) for member in annotation)
    if typing.get_origin(annotation) is tuple:
        return "words", ()
    kinds: dict[Any, Kind] = {bool: "bool", int: "int", float: "float", dt.date: "date"}
    return kinds.get(annotation, "str"), ()


def columns(model: type[BaseModel], skip: tuple[str, ...] = (), prefix: str = "") -> list[Column]:
    """The columns of one row of `model`, children lists (`skip`) left out."""
    found: list[Column] = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        annotation, optional = _unwrap(info.annotation)
        required = info.is_required() and not optional
        key = prefix + name
        if annotation is Text:
            found += [Column(f"{key}.{lang}", "text", required) for lang in LANGUAGES]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found += columns(annotation, prefix=key + ".")
        else:
            kind, choices = _scalar(annotation)
            found.append(Column(key, kind, required, choices))
    return found


def sheet_columns(sheet: Sheet) -> list[Column]:
    parent = [Column(sheet.parent[0], "str", True)] if sheet.parent else []
    own = columns(sheet.model, skip=(sheet.children,) if sheet.children else ())
    return own[:1] + parent + own[1:]  # the id first, then what it belongs to


def plan_fields() -> dict[str, tuple[Kind, bool, tuple[str, ...]]]:
    """The Plan sheet's field paths (`[n]` for a list position) and what each holds: (kind, is a list
    of rows, choices). A `text` field has its words in the fi, sv, en columns, others in `value`."""
    fields: dict[str, tuple[Kind, bool, tuple[str, ...]]] = {}
    for name, info in Plan.model_fields.items():
        if name not in ROW_LISTS:
            _plan_field(name, info.annotation, fields)
    return fields


def _plan_field(path: str, annotation: Any, fields: dict[str, tuple[Kind, bool, tuple[str, ...]]]) -> None:
    """A list of texts or of models repeats its rows at any depth (`laws[n]`,
    `introduction[n].items[n].url`), so a section's paragraphs and links are rows like the laws."""
    annotation, _optional = _unwrap(annotation)
    if typing.get_origin(annotation) is tuple and _is_row(typing.get_args(annotation)[0]):
        path, annotation = path + "[n]", typing.get_args(annotation)[0]
    repeated = "[n]" in path
    if annotation is Text:
        fields[path] = ("text", repeated, ())
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            _plan_field(f"{path}.{name}", info.annotation, fields)
    else:
        kind, choices = _scalar(annotation)
        fields[path] = (kind, repeated, choices)


def _is_row(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def template(path: str) -> str:
    """`laws[2]` → `laws[n]`: the field a Plan sheet row is an instance of."""
    return _INDEX.sub("[n]", path)


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Put `value` at a dotted path with 1-based list positions (`introduction[1].heading`)."""
    parts = path.split(".")
    node: Any = data
    for number, part in enumerate(parts):
        last = number == len(parts) - 1
        match = _INDEX.search(part)
        name = _INDEX.sub("", part)
        if match is None:
            if last:
                node[name] = value
            else:
                node = node.setdefault(name, {})
            continue
        items = node.setdefault(name, {})  # position → item, made a list in order by `lists()`
        if last:
            items[int(match.group(1))] = value
        else:
            node = items.setdefault(int(match.group(1)), {})


def lists(data: Any) -> Any:
    """The positions `set_path` collected, as lists in their order."""
    if isinstance(data, dict):
        if data and all(isinstance(key, int) for key in data):
            return [lists(data[key]) for key in sorted(data)]
        return {key: lists(value) for key, value in data.items()}
    return data


def get_path(data: Any, path: str) -> Any:
    node = data
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node
