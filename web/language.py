"""The page's language: `?lang=` when it names one of ours, else the browser's `Accept-Language`
(Babel's negotiation, so `sv-FI` or `sv` picks Swedish), else the bot's default language."""

from __future__ import annotations

from collections.abc import Iterable

from babel import negotiate_locale

from participation.i18n import LANGUAGES


def choose(asked: str | None, accepted: Iterable[str], default: str) -> str:
    if asked is not None and asked.lower() in LANGUAGES:
        return asked.lower()
    preferred = [tag.replace("_", "-") for tag in accepted if tag and tag != "*"]
    found = negotiate_locale(preferred, list(LANGUAGES), sep="-", aliases={})
    return found.split("-")[0].lower() if found else default


def asked_language(asked: str | None) -> str | None:
    """`?lang=` as the links should keep it: only a language of ours, never the visitor's raw text."""
    return asked.lower() if asked is not None and asked.lower() in LANGUAGES else None
