"""A Slack modal's inputs asked in a terminal, as a person sees them in Slack: by their labels, a select
by its options' labels (or their numbers), never by the block ids or option values the bot reads.

What Slack checks in the person's browser is checked here too, before anything is sent: a required
field cannot be left empty, and a select holds one of its options.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from participation.i18n import Gettext

INLINE = 72  # options longer than this together are listed one a line


@dataclass(frozen=True)
class Input:
    """One input block of a modal."""

    block_id: str
    label: str
    element: dict[str, Any]
    optional: bool

    @classmethod
    def of(cls, block: dict[str, Any]) -> Input:
        label = str((block.get("label") or {}).get("text") or "")
        element = block.get("element") or {}
        return cls(str(block.get("block_id")), label, element, bool(block.get("optional")))

    @property
    def options(self) -> list[tuple[str, str]]:
        """(label, value) of each option, option groups flattened in their order."""
        groups = self.element.get("option_groups") or []
        found = self.element.get("options") or [o for g in groups for o in g.get("options") or []]
        return [(str((o.get("text") or {}).get("text") or ""), str(o.get("value"))) for o in found]

    @property
    def initial(self) -> str:
        """The value the field starts with (an option's value, for a select)."""
        element = self.element
        option = element.get("initial_option") or {}
        return str(
            element.get("initial_date")
            or element.get("initial_time")
            or element.get("initial_value")
            or option.get("value")
            or ""
        )

    def shown(self, value: str) -> str:
        """A value as the person reads it: an option's label, anything else as it is."""
        return next((label for label, v in self.options if v == value), value)

    def chosen(self, typed: str) -> str | None:
        """The option's value for a typed label, value or number; None when it names no option. A label
        wins over a number, so that a year `2024` is the year, not the 2024th option."""
        options = self.options
        for label, value in options:
            if typed.casefold() in (label.casefold(), value.casefold()):
                return value
        if typed.isdigit() and 1 <= int(typed) <= len(options):
            return options[int(typed) - 1][1]
        return None

    def state(self, value: str) -> dict[str, Any]:
        """The input's state in a view_submission, as Slack sends it."""
        kind = self.element.get("type")
        if kind == "datepicker":
            return {"type": kind, "selected_date": value or None}
        if kind == "timepicker":
            return {"type": kind, "selected_time": value or None}
        if kind == "static_select":
            return {"type": kind, "selected_option": {"value": value} if value else None}
        return {"type": kind, "value": value or None}


def inputs(view: dict[str, Any]) -> list[Input]:
    return [Input.of(block) for block in view.get("blocks") or [] if block.get("type") == "input"]


def ask(field: Input, read: Callable[[str], str], out: TextIO, _: Gettext) -> dict[str, Any]:
    """One field, asked until its answer is one Slack would let through; Enter keeps the value shown."""
    while True:
        out.write(_prompt(field))
        out.flush()
        typed = read("").strip()
        value = field.initial if not typed else (field.chosen(typed) if field.options else typed)
        if value is None:
            out.write("  " + _("Choose one of the options: its number or its text.") + "\n")
        elif not value and not field.optional:
            out.write("  " + _("This field is required.") + "\n")
        else:
            return field.state(value)


def _prompt(field: Input) -> str:
    options = [f"{number} = {label}" for number, (label, _value) in enumerate(field.options, start=1)]
    initial = field.shown(field.initial)
    if not options:
        return f"{field.label} [{initial}]: "
    if len(" | ".join(options)) <= INLINE:
        return f"{field.label} ({' | '.join(options)}) [{initial}]: "
    listed = "".join(f"  {option}\n" for option in options)
    return f"{field.label}\n{listed}{field.label} [{initial}]: "
