"""Every text a person reads goes through these gettext catalogues (fi, sv, en).

The `.po` files are the single source: they are compiled in memory when first used, so no compiled
`.mo` file can fall out of step with them. Source strings are English; `en.po` carries them too, so
a text edited in the English catalogue changes without touching code.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from functools import cache
from pathlib import Path
from typing import Protocol

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("fi", "sv", "en")
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "messages"
# Babel locales for dates and numbers: Swedish as written in Finland, English with day-first dates.
BABEL_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


class Gettext(Protocol):
    def __call__(self, message: str, /) -> str: ...


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.GNUTranslations:
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    with catalogue_path(language).open("rb") as po:
        catalog = read_po(po, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translator(language: str) -> Gettext:
    return translations(language).gettext


def ntranslator(language: str) -> gettext.GNUTranslations:
    return translations(language)


def supported(language: str | None) -> str | None:
    """The bot's language for a Slack locale or a user's word (`fi-FI`, `sv_SE`, `EN`), if it has one."""
    if not language:
        return None
    prefix = language.strip().lower().replace("_", "-").split("-")[0]
    return prefix if prefix in LANGUAGES else None


@cache
def babel_locale(language: str) -> Locale:
    """The parsed Babel locale, kept: Babel parses a locale name again on every call it is given one,
    which was most of a number's formatting time (a dashboard formats dozens)."""
    return Locale.parse(BABEL_LOCALES[language])


def date_text(value: dt.date, language: str) -> str:
    return format_date(value, format="d.M.yyyy", locale=babel_locale(language))


def datetime_text(value: dt.datetime, language: str, zone: dt.tzinfo) -> str:
    return format_datetime(value.astimezone(zone), format="d.M.yyyy HH:mm", locale=babel_locale(language))


def number_text(value: float, language: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.##", locale=babel_locale(language))
