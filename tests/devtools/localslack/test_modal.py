"""A modal's field asked in the terminal: a choice by its label or number, and what Slack itself would
not let through (an empty required field, a choice that is not an option) asked again."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from devtools.localslack.modal import Input, ask
from participation.i18n import translator


def _select(options: list[tuple[str, str]], optional: bool = False) -> Input:
    listed = [{"text": {"type": "plain_text", "text": label}, "value": value} for label, value in options]
    element = {"type": "static_select", "action_id": "value", "options": listed}
    return Input("year", "Rapporteringsår", element, optional)


def _reader(*lines: str) -> Callable[[str], str]:
    typed = iter(lines)
    return lambda _prompt: next(typed)


def _asked(field: Input, *lines: str) -> tuple[dict[str, Any], str]:
    out = io.StringIO()
    state = ask(field, _reader(*lines), out, translator("sv"))
    return state, out.getvalue()


def test_a_year_is_the_year_and_a_number_the_option() -> None:
    field = _select([("2023", "2023"), ("2024", "2024"), ("2", "two")])
    assert _asked(field, "2024")[0]["selected_option"] == {"value": "2024"}
    assert _asked(field, "1")[0]["selected_option"] == {"value": "2023"}
    assert _asked(field, "2")[0]["selected_option"] == {"value": "two"}  # a label wins over a number


def test_what_slack_would_not_let_through_is_asked_again_in_the_persons_language() -> None:
    field = _select([("Ja", "yes"), ("Nej", "no")])
    state, shown = _asked(field, "", "kanske", "4", "nej")
    assert state == {"type": "static_select", "selected_option": {"value": "no"}}
    assert shown.count("Rapporteringsår (1 = Ja | 2 = Nej) []: ") == 4
    assert shown.count("Det här fältet är obligatoriskt.") == 1
    assert shown.count("Välj ett av alternativen: dess nummer eller text.") == 2
    text = Input("title", "Titel", {"type": "plain_text_input", "initial_value": "Möte"}, False)
    assert _asked(text, "")[0] == {"type": "plain_text_input", "value": "Möte"}


labels = st.lists(st.text(min_size=1, max_size=12).filter(lambda t: not t.startswith("value-")), min_size=1)


@given(labels, st.text(max_size=12))
def test_a_typed_choice_is_one_of_the_options_or_none(options: list[str], typed: str) -> None:
    values = [f"value-{number}" for number in range(len(options))]
    field = _select(list(zip(options, values, strict=True)))
    assert field.chosen(typed) in {None, *values}
    for label in options:  # a label chooses its option (the first of labels alike but for case)
        alike = next(n for n, other in enumerate(options) if other.casefold() == label.casefold())
        assert field.chosen(label) == values[alike]
