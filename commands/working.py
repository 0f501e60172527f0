"""Slow work after the acknowledgement.

Slack waits three seconds for the answer to a command or a form, however slow Slack itself is that day.
A command that sends invitations, builds files or has to ask Slack therefore checks what was typed at
once (a mistake is still answered in the acknowledgement) and leaves the work itself to `later`, which
the bot runs once Slack has its answer; meanwhile the person reads that the answer is on its way.
"""

from __future__ import annotations

from collections.abc import Callable

from commands.context import Invocation
from participation.i18n import Gettext
from participation.messages import Reply, Section


def working(invocation: Invocation, later: Callable[[], Reply]) -> Reply:
    """The note shown at once; `later`'s reply takes its place when the work is done."""
    return Reply([Section(working_text(invocation._))], later=later)


def working_text(_: Gettext) -> str:
    return _("⏳ Working on it. This can take a few seconds; the answer will appear here.")


def then_also(reply: Reply, guard: Callable[[Callable[[], Reply]], Reply]) -> Reply:
    """`reply`, with its later work (if any) run through `guard` too, so that the refusals a command turns
    into notes in the acknowledgement become the same notes when they come from the work after it."""
    later = reply.later
    if later is not None:
        reply.later = lambda: guard(later)
    return reply
