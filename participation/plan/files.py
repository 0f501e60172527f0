"""Reading plan files. A bad file is refused as a whole, with the file, the field and the reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from config import PLANS_DIR
from participation.plan.schema import Plan

BUNDLED = PLANS_DIR


class PlanFileError(Exception):
    """A plan file could not be read; `str()` gives `file: field: reason`, one line per problem."""

    def __init__(self, file: str, problems: list[tuple[str, str]]) -> None:
        self.file = file
        self.problems = problems
        super().__init__("\n".join(f"{file}: {where}: {reason}" for where, reason in problems))


# libyaml's parser when PyYAML was built with it: the bundled plans parse about ten times faster, which
# the start of every worker waits for. The safe constructor is the same either way.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BaseLoader):  # type: ignore[misc]
    """PyYAML keeps the last of two equal keys; a plan file with one is a mistake worth hearing about."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice", key_node.start_mark
                )
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def parse_plan(text: str, file: str) -> Plan:
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a safe loader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "YAML"
        problem = getattr(error, "problem", None) or str(error)
        raise PlanFileError(file, [(where, f"not valid YAML: {problem}")]) from None
    if not isinstance(data, dict):
        raise PlanFileError(file, [("(top)", "a plan file must be a mapping of plan fields")])
    try:
        return Plan.model_validate(data)
    except ValidationError as error:
        raise PlanFileError(file, [(_field_path(e["loc"]), e["msg"]) for e in error.errors()]) from None


def load_plan_file(path: Path) -> Plan:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanFileError(str(path), [("(file)", f"cannot be read: {error}")]) from None
    return parse_plan(text, str(path))


def bundled_plan_files() -> list[Path]:
    return sorted(BUNDLED.glob("*.yaml"))


def _field_path(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top)"
