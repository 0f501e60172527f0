"""A meeting typed for a weekend or a Finnish public holiday: warned about, and created only when asked.

The year's planner never proposes such a day (participation.workdays), and a manual meeting on 6.12. is
almost always a slip. It is not refused outright, because a network may meet on a Saturday on purpose:
the person is told why, and either presses "Create anyway" (the same command again, with `anyway=yes`)
or types that option themselves. Nothing is created until then.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from commands.context import Invocation
from commands.ids import ANYWAY_ACTION, DROP_ACTION
from commands.parsing import requoted
from participation.i18n import Gettext, babel_locale
from participation.messages import Actions, Button, Reply, Section
from participation.workdays import is_holiday

ANYWAY = "anyway=yes"  # the option that says the day is meant
MEANT = frozenset({ANYWAY, "anyway=kyllä", "anyway=ja"})
VALUE_MAX = 2000  # the longest value Slack keeps in a button


def day_problem(day: dt.date, language: str, _: Gettext) -> str | None:
    """Why `day` is a poor day for a meeting, or None on a working day."""
    shown = format_date(day, format="EEEE d.M.yyyy", locale=babel_locale(language))
    shown = shown[:1].upper() + shown[1:]  # the weekday begins the sentence
    if is_holiday(day):
        return _("{day} is a public holiday in Finland.").format(day=shown)
    if day.isoweekday() > 5:
        return _("{day} is a weekend day.").format(day=shown)
    return None


def unless_meant(invocation: Invocation, day: dt.date, command: str, args: list[str]) -> Reply | None:
    """The warning for a meeting command (`command` and its `args`) on a poor day, unless the command
    says the day is meant; None if it may go ahead."""
    if any(arg.lower() in MEANT for arg in args):
        return None
    problem = day_problem(day, invocation.language, invocation._)
    if problem is None:
        return None
    line = requoted([*args, ANYWAY])
    return warning(problem, None if line is None else f"{command} {line}", invocation._)


def form_error(day: dt.date, language: str, _: Gettext) -> str | None:
    """A form's date on a poor day: said under the date field, with the way to create it anyway."""
    problem = day_problem(day, language, _)
    if problem is None:
        return None
    return (
        problem
        + " "
        + _(
            "The year's planner never proposes such a day. Choose another, or, if the day is meant, "
            "use the one-line command with `anyway=yes`."
        )
    )


def warning(problem: str, command: str | None, _: Gettext) -> Reply:
    """The warning, with a button that sends `command` (already carrying `anyway=yes`) if it fits one."""
    text = (
        f"⚠️ {problem} "
        + _("The year's planner never proposes such a day, so I have not done anything yet.")
        + "\n"
        + _("If the day is meant, press the button, or add `anyway=yes` to the command.")
    )
    reply = Reply([Section(text)])
    if command is not None and len(command) <= VALUE_MAX:
        reply.parts.append(
            Actions(
                (
                    Button(_("Create anyway"), ANYWAY_ACTION, command, primary=True),
                    Button(_("Cancel"), DROP_ACTION, "cancel"),
                )
            )
        )
    return reply
