"""The one-line rule: what goes into an e-mail header or a one-line calendar property."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from participation.i18n import translator
from participation.text import breaks_line, one_line, single_line


@pytest.mark.parametrize(
    "value",
    [
        "a\nb",
        "a\r",
        "tab\there",
        "nul\x00",
        "bell\x07",
        "del\x7f",
        "nel\x85",
        "zw\u200bsp",
        "rtl\u202e",
        "ls\u2028",
        "ps\u2029",
        "bom\ufeff",
    ],
)
def test_a_line_break_or_a_control_or_format_character_is_refused_in_the_users_language(value: str) -> None:
    assert breaks_line(value)
    assert one_line(value, "Otsikko", translator("fi")) == (
        "Otsikko: kirjoita se yhdelle riville, ilman rivinvaihtoja tai ohjausmerkkejä."
    )
    assert one_line(value, "Titel", translator("sv")) == (
        "Titel: skriv det på en rad, utan radbrytningar eller styrtecken."
    )
    assert one_line(value, "Title", translator("en")) == (
        "Title: write it on one line, without line breaks or control characters."
    )


@pytest.mark.parametrize(
    "value", ["", None, "Kevät <!channel> & *co*", "Åbo – Turku · 12:00", "emoji 🎉", "nbsp\u00a0ok"]
)
def test_one_line_text_is_accepted(value: str | None) -> None:
    assert one_line(value, "Title", translator("en")) is None


@given(st.text())
def test_cleaning_leaves_one_line_and_keeps_what_was_allowed(value: str) -> None:
    cleaned = single_line(value)
    assert not breaks_line(cleaned)
    assert cleaned == cleaned.strip()
    if not breaks_line(value) and "  " not in value:
        assert cleaned == value.strip()
    assert all(unicodedata.category(c) not in {"Cc", "Cf", "Zl", "Zp"} for c in cleaned)
