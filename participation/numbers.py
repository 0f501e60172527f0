"""Whole numbers that come from outside (typed, or carried back in a button's value or a form's hidden
metadata), read only when they fit where they are going.

`str.isdigit` accepts `²` and `١٢`, and `int()` then raises on the first; a number as long as
`99999999999999999999` fits no integer column, and the database raises (OverflowError on SQLite, a
DataError on PostgreSQL for anything past 2^31 - 1). So every such number is read here: ASCII digits
only, no sign, within the range the caller gives, else None, and the caller refuses it in the person's
language with nothing written.
"""

from __future__ import annotations

import re

ID_MAX = 2**31 - 1  # the largest value of an INTEGER column (PostgreSQL's int4; ids are INTEGER)
YEARS = (1900, 2999)  # a reporting or meeting year: four digits; the plan's period narrows it further
_DIGITS = re.compile(r"[0-9]{1,18}")


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
