"""A value as a person types it, read for an indicator's kind into the `Confirmation` fields.

People type in three languages, so `kyllä`, `ja` and `yes` are all yes; a number is read in the style of
the person's language (`participation.numbers.decimal`), so `72,5 %` and `12 500` are 72.5 and 12500 in
Finnish and Swedish. A value that does not fit its kind is refused with a reason in the user's language
rather than stored as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from participation import numbers
from participation.i18n import Gettext
from participation.plan.schema import IndicatorKind

YES = frozenset({"yes", "y", "kyllä", "kylla", "k", "ja", "true", "1"})
NO = frozenset({"no", "n", "ei", "e", "nej", "false", "0"})
COMMENT_MAX = 2000
# No figure the plan follows (visits, participants, euros) comes near a billion; a longer run of digits is
# a slip, and past about 300 digits it is not even a finite float.
FIGURE_MAX = 1_000_000_000


class ValueRefused(ValueError):
    """The text is for the user, already in their language."""


@dataclass(frozen=True)
class Value:
    """What a confirmation stores: a yes/no, a number, a text, or a number with a comment."""

    boolean: bool | None = None
    number: float | None = None
    text: str | None = None


def parse_value(kind: str, typed: str, comment: str | None, _: Gettext, language: str = "fi") -> Value:
    """The value for an indicator of `kind`, typed in `language`; `comment` goes with a monitored figure
    or a yearly review."""
    typed = typed.strip()
    note = (comment or "").strip() or None
    if note is not None and len(note) > COMMENT_MAX:
        raise ValueRefused(_("The comment is too long: at most {size} characters.").format(size=COMMENT_MAX))
    if not typed:
        raise ValueRefused(_("Give the value."))
    if kind in (IndicatorKind.YES_NO, IndicatorKind.YEARLY_REVIEW):
        return Value(boolean=yes_or_no(typed, _), text=note if kind == IndicatorKind.YEARLY_REVIEW else None)
    if kind == IndicatorKind.PERCENTAGE:
        number = _number(typed, _("Write a percentage, such as 72 or 72,5."), _, language, percent=True)
        if not 0 <= number <= 100:
            raise ValueRefused(_("A percentage is from 0 to 100, not {value}.").format(value=typed))
        return Value(number=number)
    if kind == IndicatorKind.RATING:
        number = _number(typed, _("Write a rating from 1 to 5, such as 4,2."), _, language)
        if not 1 <= number <= 5:
            raise ValueRefused(_("A rating is from 1 to 5, not {value}.").format(value=typed))
        return Value(number=number)
    if kind == IndicatorKind.COUNT_RANGE:
        number = _number(typed, _("Write a whole number, such as 3."), _, language)
        if number < 0 or not number.is_integer():
            raise ValueRefused(_("A count is a whole number of 0 or more, not {value}.").format(value=typed))
        return Value(number=number)
    if kind == IndicatorKind.MONITORED:
        return Value(
            number=_number(typed, _("Write the figure as a number, such as 1250."), _, language), text=note
        )
    raise ValueRefused(_("This indicator cannot be confirmed by hand."))


def yes_or_no(typed: str, _: Gettext) -> bool:
    word = typed.strip().lower().rstrip(".!")
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueRefused(_("Write yes or no (kyllä or ei, ja or nej), not {value!r}.").format(value=typed))


def _number(typed: str, example: str, _: Gettext, language: str, percent: bool = False) -> float:
    number = numbers.decimal(typed, language, percent=percent)
    if number is None:
        raise ValueRefused(_("{value!r} is not a number.").format(value=typed) + " " + example)
    if abs(number) > FIGURE_MAX:
        raise ValueRefused(_("{value!r} is too large: at most 1,000,000,000.").format(value=typed))
    return float(number)
