"""`confirm`: record an indicator's outcome for a reporting year, with its evidence.

Three ways in, one set of rules (confirmations.service.check):
- `/osallisuus confirm` opens a form in two steps: the indicator (owners see their own first, grouped by
  priority and measure), then the year, the value in the form its kind needs and the evidence;
- `/osallisuus confirm <indicator>` opens the second step at once, as the buttons in reminders and on the
  App Home tab do;
- `/osallisuus confirm <indicator> <value> ["evidence"] [year=2024] [link=https://…] [comment="…"]` on
  one line; and a reminder's "yes" button confirms a yes/no indicator there and then.

The form lives in commands/confirm_form.py, the recording and its reply in commands/confirm_record.py.
"""

from __future__ import annotations

from commands.confirm_form import choose, open_form
from commands.confirm_record import confirm_now
from commands.context import Invocation
from commands.parsing import ParseError, number_words, split_options
from participation import numbers
from participation.confirmations.service import Draft
from participation.i18n import Gettext
from participation.messages import Reply, notice


def confirm(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    try:
        words, options = split_options(args, {"year", "link", "comment"}, _)
    except ParseError as error:
        return notice(f"{error}\n{usage(_)}", error=True)
    if not words:
        return choose(invocation)
    if len(words) == 1 and set(options) <= {"year"}:
        return open_form(invocation, words[0], options.get("year"))
    value_words = number_words(words[1:], invocation.language) if len(words) > 1 else 0
    evidence = words[1 + value_words :]
    if len(evidence) > 1:
        return notice(usage(_), error=True)
    draft = Draft(
        indicator=words[0],
        year=options.get("year", ""),
        value=" ".join(words[1 : 1 + value_words]),
        comment=options.get("comment", ""),
        evidence=evidence[0] if evidence else "",
        link=options.get("link", ""),
        language=invocation.language,
    )
    return confirm_now(invocation, draft)


def usage(_: Gettext) -> str:
    return _(
        "Use: `/osallisuus confirm` (a form), `/osallisuus confirm <indicator>` (its form), or "
        '`/osallisuus confirm <indicator> <value> "evidence" [year=2024] [link=https://…] [comment="…"]`. '
        "The value is yes or no, a percentage (72), a rating (4,2), a count (3) or a figure (1250)."
    )


# --- buttons -----------------------------------------------------------------------------------------


def quick_yes(invocation: Invocation, value: str) -> Reply:
    """A reminder's "yes" button: the same rules as any confirmation, with no evidence given."""
    key, _sep, year = value.partition(":")
    if not key or numbers.year(year) is None:
        return notice(invocation._("That button is not one of mine. Nothing was recorded."), error=True)
    return confirm_now(invocation, Draft(indicator=key, year=year, value="yes"))


def open_from_button(invocation: Invocation, value: str) -> Reply:
    key, _sep, year = value.partition(":")
    if not key:
        return notice(invocation._("That button is not one of mine. Nothing was recorded."), error=True)
    return open_form(invocation, key, year or None)
