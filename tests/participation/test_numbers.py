"""Numbers as people write them in Finnish, Swedish and English: whatever Babel writes in a language is
read back in that language as the same number, with the space (ordinary, no-break or narrow no-break)
and the percent sign that the Finnish and Swedish styles use."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal, format_percent
from hypothesis import given
from hypothesis import strategies as st

from participation import numbers
from participation.i18n import LANGUAGES, babel_locale

FIGURES = st.decimals(
    min_value=Decimal("-1000000000"), max_value=Decimal("1000000000"), places=3, allow_nan=False
)
SPACES = st.sampled_from([" ", "\u00a0", "\u202f"])


@given(language=st.sampled_from(LANGUAGES), value=FIGURES)
def test_every_number_babel_writes_is_read_back(language: str, value: Decimal) -> None:
    written = format_decimal(value, locale=babel_locale(language), decimal_quantization=False)
    assert numbers.decimal(written, language) == value


@given(language=st.sampled_from(LANGUAGES), value=FIGURES.map(abs).filter(lambda v: v <= 100))
def test_every_percentage_babel_writes_is_read_back(language: str, value: Decimal) -> None:
    written = format_percent(value / 100, locale=babel_locale(language), decimal_quantization=False)
    assert numbers.decimal(written, language, percent=True) == value


@given(
    language=st.sampled_from(["fi", "sv"]),
    thousands=st.integers(1, 999),
    rest=st.integers(0, 999),
    space=SPACES,
)
def test_thousands_are_separated_by_any_space_in_finnish_and_swedish(
    language: str, thousands: int, rest: int, space: str
) -> None:
    assert numbers.decimal(f"{thousands}{space}{rest:03d}", language) == thousands * 1000 + rest


@pytest.mark.parametrize(
    ("typed", "language", "read"),
    [
        ("72,5 %", "fi", Decimal("72.5")),
        ("72,5\u00a0%", "sv", Decimal("72.5")),
        ("72,5%", "fi", Decimal("72.5")),
        ("72.5 %", "en", Decimal("72.5")),
        ("12 500", "fi", Decimal("12500")),
        ("12,500", "en", Decimal("12500")),
        ("4,2", "en", Decimal("4.2")),  # not English, but nothing else: the Finnish reading
        ("\u22123", "fi", Decimal("-3")),
    ],
)
def test_numbers_as_people_type_them(typed: str, language: str, read: Decimal) -> None:
    assert numbers.decimal(typed, language, percent=True) == read


@pytest.mark.parametrize(
    "typed",
    ["", "%", "1 25", "1,2,3", "NaN", "Infinity", "1e5", "١٢", "²", "12 %%", "9" * 41, "12 500 x", "--3"],
)
def test_what_is_no_number_is_none(typed: str) -> None:
    assert all(numbers.decimal(typed, language, percent=True) is None for language in LANGUAGES)


def test_a_percent_sign_is_only_taken_where_a_percentage_is_asked() -> None:
    assert numbers.decimal("72 %", "fi") is None
