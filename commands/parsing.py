"""Reading dates, times and `key=value` options as people type them in Finland: `16.3.2027` as well as
`2027-03-16`, `13.00` as well as `13:00`. A failure is a `ParseError` whose text is for the user."""

from __future__ import annotations

import datetime as dt
import re

from participation import numbers
from participation.i18n import Gettext

# ASCII digits only: `\d` alone would also take other scripts' digits, which no one here types.
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_FINNISH = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", re.ASCII)
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$", re.ASCII)


class ParseError(ValueError):
    """The text is for the user, already in their language."""


def parse_date(text: str, _: Gettext) -> dt.date:
    match = _ISO.match(text.strip()) or _FINNISH.match(text.strip())
    if match is not None:
        parts = [int(part) for part in match.groups()]
        year, month, day = parts if match.re is _ISO else parts[::-1]
        if numbers.year(str(year)) is None:  # 9999-12-31 is a date, but a meeting's end on it is not
            raise ParseError(
                _("{text!r}: give a date between the years {first} and {last}.").format(
                    text=text, first=numbers.YEARS[0], last=numbers.YEARS[1]
                )
            )
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    raise ParseError(_("{text!r} is not a date. Write it as 16.3.2027 or 2027-03-16.").format(text=text))


def parse_time(text: str, _: Gettext) -> dt.time:
    match = _TIME.match(text.strip())
    if match is not None:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise ParseError(_("{text!r} is not a time. Write it as 13:00 or 13.00.").format(text=text))


def parse_time_range(text: str, _: Gettext) -> tuple[dt.time, dt.time | None]:
    """`13:00-15:00`, `13-15` or just `13:00` (the end then comes from the network's usual length)."""
    start, separator, end = text.replace("–", "-").partition("-")
    return parse_time(start, _), parse_time(end, _) if separator else None


def local_datetime(day: dt.date, time: dt.time, zone: dt.tzinfo) -> dt.datetime:
    """A Helsinki wall-clock time as an aware datetime (stored later in UTC)."""
    return dt.datetime.combine(day, time, tzinfo=zone)


def number_words(words: list[str], language: str) -> int:
    """How many of `words` make one number, as a person types it unquoted: `72,5 %` and `12 500` arrive as
    two words. At least one: a word that is no number (`yes`) is a value too, checked later."""
    for count in range(min(len(words), 4), 1, -1):
        if numbers.decimal(" ".join(words[:count]), language, percent=True) is not None:
            return count
    return 1


def split_options(args: list[str], known: set[str], _: Gettext) -> tuple[list[str], dict[str, str]]:
    """Positional words and `key=value` options; an unknown key is refused rather than ignored."""
    words: list[str] = []
    options: dict[str, str] = {}
    for arg in args:
        key, separator, value = arg.partition("=")
        if separator and re.fullmatch(r"[a-z]+", key):
            if key not in known:
                raise ParseError(
                    _("I do not know the option {option!r}. Options: {known}.").format(
                        option=key, known=", ".join(sorted(known))
                    )
                )
            options[key] = value.strip()
        else:
            words.append(arg)
    return words, options


def quoted_example(args: list[str], known: set[str], positions: int) -> str | None:
    """The words again, with quotes where a text of several words lost them, or None if none did.

    `… 13:00 Ei kanavaa` has a word past the `positions` the command takes, and `place=Room 5` leaves a
    `5` after an option: each stray word goes with the text before it, so the person sees their own
    command as it should have been typed, rather than being told that everything is missing."""
    positional: list[list[str]] = []
    current: list[str] | None = None
    stray = False
    options: list[tuple[str, list[str]]] = []
    for arg in args:
        key, separator, value = arg.partition("=")
        if separator and key in known:
            current = [value]
            options.append((key, current))
        elif current is not None or len(positional) >= positions:
            (current if current is not None else positional[-1]).append(arg)
            stray = True
        else:
            positional.append([arg])
    if not stray or any('"' in arg for arg in args):
        return None
    words = [_quoted(" ".join(parts)) for parts in positional]
    words += [f"{key}={_quoted(' '.join(parts))}" for key, parts in options]
    return " ".join(words)


def needs_quotes(example: str, _: Gettext) -> str:
    return _("A text of several words needs quotes around it. Like this: `{example}`").format(example=example)


def requoted(args: list[str]) -> str | None:
    """The words as one command line again (`place=Room 5` as `place="Room 5"`), so that `split` gives
    back the same words; None if a word holds a double quote, which cannot be written back."""
    if any('"' in arg for arg in args):
        return None
    written = []
    for arg in args:
        key, separator, value = arg.partition("=")
        plain_key = separator and re.fullmatch(r"[a-z]+", key)
        written.append(f"{key}={_quoted(value)}" if plain_key else _quoted(arg))
    return " ".join(written)


def _quoted(text: str) -> str:
    return f'"{text}"' if not text or any(character.isspace() for character in text) else text
