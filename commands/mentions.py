"""People and channels named in a command, read the same way by every command that takes them.

Slack escapes a slash command's text, so a chosen `@Aino` arrives as `<@U123|aino>` (or `<@U123>`), and a
`#channel` as `<#C123|kanava>`. A person can also type an id they copied, with or without the `@` or `#`
(`@U123`, `U123`), as the local stand-in's shell does. One parser, so that `owner … @U123` and
`poll training … to=@U123` accept the same forms.
"""

from __future__ import annotations

import re

_USER = re.compile(r"<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>|@?([UW][A-Z0-9]{2,})")
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]{2,})(?:\|[^>]*)?>|#?([CG][A-Z0-9]{2,})")
_SEPARATORS = re.compile(r"[\s,]+")


def user_of(word: str) -> str | None:
    """The user id a word names, or None if the word names no one."""
    return _id(_USER, word)


def channel_of(word: str) -> str | None:
    """The channel id a word names, or None if the word names no channel."""
    return _id(_CHANNEL, word)


def users_in(text: str) -> tuple[list[str], list[str]]:
    """The people named in `@a,@b` or `@a @b` (in order, each once), and the words that named no one."""
    found: list[str] = []
    unreadable: list[str] = []
    for word in _SEPARATORS.split(text.strip()):
        if word:
            user = user_of(word)
            if user is None:
                unreadable.append(word)
            else:
                found.append(user)
    return list(dict.fromkeys(found)), unreadable


def _id(pattern: re.Pattern[str], word: str) -> str | None:
    match = pattern.fullmatch(word.strip())
    return None if match is None else match.group(1) or match.group(2)
