"""What a meeting's texts may hold, checked alike for the one-line command, the forms and the year plan:
each becomes a line of an invitation and a column of the meeting's row."""

from __future__ import annotations

from participation.i18n import Gettext
from participation.text import one_line, too_long

TITLE_MAX = 150
TEXT_MAX = 2000
PLACE_MAX = 500


def one_line_errors(title: str, place: str | None, link: str | None, _: Gettext) -> dict[str, str]:
    """The fields (form block ids) that would break an invitation's Subject, SUMMARY, LOCATION or URL,
    or are longer than the meeting's columns hold."""
    fields = {
        "title": (title, _("Title"), TITLE_MAX),
        "place": (place, _("Place"), PLACE_MAX),
        "link": (link, _("Online link"), TEXT_MAX),
    }
    found = {
        field: one_line(value, label, _) or too_long(value, size, label, _)
        for field, (value, label, size) in fields.items()
    }
    return {field: refused for field, refused in found.items() if refused is not None}
