"""Typed text that must stay on one line.

A meeting's title, place and link, a guest's name and address and a training poll's name end up in an
e-mail header (Subject, To) or a one-line iCalendar property (SUMMARY, LOCATION, URL, ATTENDEE;CN). A
line break there splits the header or the property, so such a field refuses it, and every other control
or format character (Unicode categories Cc, Cf, Zl, Zp: tabs, NUL, zero-width and direction marks, line
and paragraph separators), when it is typed; nothing is written then. Text stored before this rule
existed is cleaned on its way into a header instead (`single_line`), so it cannot break a message.
"""

from __future__ import annotations

import re
import unicodedata

from participation.i18n import Gettext

_BREAKING = frozenset({"Cc", "Cf", "Zl", "Zp"})
_SPACES = re.compile(r" {2,}")


def breaks_line(value: str) -> bool:
    """Whether `value` holds a line break or a control or format character."""
    return any(unicodedata.category(character) in _BREAKING for character in value)


def one_line(value: str | None, label: str, _: Gettext) -> str | None:
    """Why `value` cannot go into the one-line field called `label`, in the user's language; None when
    it can (an empty or missing value can: whether it is required is the caller's rule)."""
    if not value or not breaks_line(value):
        return None
    return _("{field}: write it on one line, without line breaks or control characters.").format(field=label)


def single_line(value: str) -> str:
    """`value` with each line break or control character made a space: for text already stored, which
    must not break a header, and which is better shown a little changed than not sent at all."""
    spaced = "".join(" " if unicodedata.category(c) in _BREAKING else c for c in value)
    return _SPACES.sub(" ", spaced).strip()


def too_long(value: str | None, size: int, label: str, _: Gettext) -> str | None:
    """Why `value` cannot go into the field called `label`, which holds at most `size` characters; None
    when it can. A form's own `max_length` is only Slack's: a submitted form is checked here again."""
    if value is None or len(value) <= size:
        return None
    return _("{field}: at most {size} characters.").format(field=label, size=size)
