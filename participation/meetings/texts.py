"""How a meeting reads to a person, in their language and in Helsinki time."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_time

from participation.i18n import BABEL_LOCALES, translator
from participation.meetings.networks import network_config
from participation.storage.models import Meeting


def network_name(network_id: str, language: str) -> str:
    config = network_config(network_id)
    return config.name.get(language) if config else network_id


def default_title(network_id: str, language: str) -> str:
    """`Osallisuusverkosto: kokous`: a meeting without a title of its own, in the reader's language."""
    _ = translator(language)
    return _("{network}: meeting").format(network=network_name(network_id, language))


def shown_title(title: str | None, network_id: str, language: str) -> str:
    """A meeting's own title, or the default in the reader's language: no default is stored, so that a
    Swedish reader never sees the Finnish creator's words."""
    return title or default_title(network_id, language)


def meeting_title(meeting: Meeting, language: str) -> str:
    return shown_title(meeting.title, meeting.network_id, language)


def when(starts_at: dt.datetime, ends_at: dt.datetime, language: str, zone: dt.tzinfo) -> str:
    """`ti 16.2.2027 13.00–15.00`: the weekday helps people catch a wrong date."""
    locale = BABEL_LOCALES[language]
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    day = format_date(start.date(), "EEE d.M.yyyy", locale=locale)
    hours = [format_time(moment.time(), "short", locale=locale) for moment in (start, end)]
    return f"{day} {hours[0]}–{hours[1]}"


def meeting_when(meeting: Meeting, language: str, zone: dt.tzinfo) -> str:
    return when(meeting.starts_at, meeting.ends_at, language, zone)


def details(meeting: Meeting, language: str, zone: dt.tzinfo, markup: bool = True) -> list[str]:
    """The lines every message about a meeting carries: what, when, where, and the agenda."""
    _ = translator(language)
    bold = "*" if markup else ""
    lines = [
        f"{bold}{meeting_title(meeting, language)}{bold}",
        _("Network: {network}").format(network=network_name(meeting.network_id, language)),
        _("When: {when}").format(when=meeting_when(meeting, language, zone)),
    ]
    if meeting.place:
        lines.append(_("Place: {place}").format(place=meeting.place))
    if meeting.online_url:
        lines.append(_("Online: {link}").format(link=meeting.online_url))
    if meeting.agenda:
        lines.append(_("Agenda: {agenda}").format(agenda=meeting.agenda))
    return lines
