"""Whole numbers that come from outside (typed, or carried back in a button's value or a form's hidden
metadata), read only when they fit where they are going.

`str.isdigit` accepts `²` and `١٢`, and `int()` then raises on the first; a number as long as
`99999999999999999999` fits no integer column, and the database raises (OverflowError on SQLite, a
DataError on PostgreSQL for anything past 2^31 - 1). So every such number is read here: ASCII digits
only, no sign, within the range the caller gives, else None, and the caller refuses it in the person's
language with nothing written.

Decimal numbers (a percentage, a rating, a figure) are read by `decimal` the way the person's language
writes them, with Babel's locale data rather than a pattern of our own: `72,5 %` and `12 500` in Finnish
and Swedish, `72.5%` and `12,500` in English.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

from participation.i18n import babel_locale

ID_MAX = 2**31 - 1  # the largest value of an INTEGER column (PostgreSQL's int4; ids are INTEGER)
YEARS = (1900, 2999)  # a reporting or meeting year: four digits; the plan's period narrows it further
_DIGITS = re.compile(r"[0-9]{1,18}")
# Ordinary, no-break, narrow no-break and thin spaces: Babel writes U+00A0 between Finnish thousands, and
# people type an ordinary space; any of them is the thousands separator wherever it stands between digits.
_SPACES = re.compile("[ \u00a0\u202f\u2009]+")
_MINUSES = str.maketrans({"\u2212": "-", "\u2013": "-"})
# What a number may be made of before Babel reads it: no exponents, no `NaN`, no other scripts' digits.
_NUMBER_CHARACTERS = frozenset("0123456789+-., \u00a0\u202f\u2009")
DECIMAL_TEXT_MAX = 40  # longer than any number the plan follows; `1 000 000 000,25 %` is 18


def bounded(text: str, low: int, high: int) -> int | None:
    """`text` as a whole number in `low..high`, or None if it is not one."""
    text = text.strip()
    if _DIGITS.fullmatch(text) is None:
        return None
    value = int(text)
    return value if low <= value <= high else None


def row_id(text: str) -> int | None:
    """A row's number as the bot shows it, `12` or `#12`: a positive integer that fits the id column."""
    return bounded(text.strip().removeprefix("#"), 1, ID_MAX)


def year(text: str) -> int | None:
    """A four-digit year; whether it is in the plan's period is the caller's rule."""
    return bounded(text, *YEARS)


def decimal(text: str, language: str, *, percent: bool = False) -> Decimal | None:
    """`text` as a finite number written in `language`'s style (fi, sv or en), or None if it is not one.

    A percent sign at the end (with or without a space before it) is taken off when `percent` is set, so
    `72,5 %` is 72.5. Grouping must be where a language puts it (`12 500`, `12,500`): Babel's strict
    reading refuses `1,25` in English rather than reading it as 125. Only a text the person's language
    cannot read is tried in the other style, so `4,2` from someone using English in Finland is still 4.2,
    while `1,250` from them is 1250. How large a number may be is the caller's rule."""
    text = text.strip().translate(_MINUSES)
    if percent:
        text = text.removesuffix("%").rstrip()
    if not text or len(text) > DECIMAL_TEXT_MAX or not set(text) <= _NUMBER_CHARACTERS:
        return None
    for style in dict.fromkeys((language, "fi", "en")):
        value = _read(text, style)
        if value is not None:
            return value
    return None


def _read(text: str, language: str) -> Decimal | None:
    locale = babel_locale(language)
    try:
        value = parse_decimal(_SPACES.sub(get_group_symbol(locale), text), locale, strict=True)
    except NumberFormatError:
        return None
    return value if value.is_finite() else None
