"""No CSV cell the bot writes can become a spreadsheet formula, and ordinary text comes out unchanged."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from participation.spreadsheet import FORMULA_STARTS, cell, csv_document

texts = st.text(max_size=40)


def _read(document: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(document.decode("utf-8-sig"), newline="")))


@given(st.lists(st.lists(texts, min_size=1, max_size=4), min_size=1, max_size=4))
def test_no_cell_begins_like_a_formula_and_others_are_unchanged(rows: list[list[str]]) -> None:
    for written, typed in zip(_read(csv_document(rows)), rows, strict=True):
        for out, value in zip(written, typed, strict=True):
            assert not out.startswith(FORMULA_STARTS)
            assert out == ("'" + value if value.startswith(FORMULA_STARTS) else value)


def test_the_known_attacks() -> None:
    assert cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert [cell(v) for v in ("+1", "-1", "@SUM(A1)", "Hyvä kokous")] == [
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "Hyvä kokous",
    ]
