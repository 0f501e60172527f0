"""The 1–5 satisfaction scale and how its figures read in each language (4,2 in Finnish, 4.2 in English)."""

from __future__ import annotations

from babel.numbers import format_decimal

from participation.i18n import BABEL_LOCALES, Gettext

RATINGS = (1, 2, 3, 4, 5)


def scale_words(_: Gettext) -> dict[int, str]:
    """The word for each step, so a number is never shown without its meaning."""
    return {
        1: _("Very dissatisfied"),
        2: _("Dissatisfied"),
        3: _("Neither satisfied nor dissatisfied"),
        4: _("Satisfied"),
        5: _("Very satisfied"),
    }


def step_label(rating: int, _: Gettext) -> str:
    return f"{rating} – {scale_words(_)[rating]}"


def figure(value: float, language: str) -> str:
    """An average with one or two decimals (4,0 rather than 4; 3,96 rather than a misleading 4,0), in the
    language's own notation."""
    return format_decimal(round(value, 2), format="0.0#", locale=BABEL_LOCALES[language])


def signed_figure(value: float, language: str) -> str:
    rounded = round(value, 2)
    sign = "+" if rounded > 0 else "−" if rounded < 0 else "±"
    return sign + figure(abs(rounded), language)


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0
