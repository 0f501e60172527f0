"""The buttons under a weekend or holiday warning (commands/meeting_days.py): "Create anyway" runs the
meeting command again, with `anyway=yes`; "Cancel" leaves everything as it was.

A button's value comes back from Slack as the user sent it, so it is read like typed text: it must be a
`meeting new` or `meeting move` carrying `anyway=yes`, and then goes through the same rules (coordinators
only, every check) as the command typed.
"""

from __future__ import annotations

from commands.context import Invocation
from commands.meeting import meeting
from commands.meeting_days import ANYWAY
from commands.router import split
from participation.messages import Reply, notice


def create_anyway(invocation: Invocation, value: str) -> Reply:
    words = split(value) or []
    if words[:1] != ["meeting"] or words[1:2] not in (["new"], ["move"]) or ANYWAY not in words:
        return notice(invocation._("That button is not one of mine. Nothing was changed."), error=True)
    reply = meeting(invocation, words[1:])
    while reply.later is not None:  # the button's work already runs after the acknowledgement
        reply = reply.later()
    return reply


def dropped(invocation: Invocation) -> Reply:
    return notice(invocation._("Nothing was created or changed."))
