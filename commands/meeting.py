"""`meeting new | list | show | move | cancel`: a form for each change, and a one-line form for quick use.

Only coordinators change meetings. Every refusal says why in the user's language and leaves everything
as it was: the change and what it sends are one transaction (see meetings.service). What was typed is
checked at once and refused in the acknowledgement; the change itself, which invites the network's
members, runs after it (commands/working.py), and is refused then only if things changed meanwhile.
The parts live beside this module: the one-line words (meeting_one_line), the forms (meeting_forms),
the changes and their replies (meeting_changes), `list` and `show` (meeting_listing), the refusals
(meeting_refusals).
"""

from __future__ import annotations

from collections.abc import Callable

from commands.context import Invocation
from commands.meeting_listing import list_meetings, show_meeting
from commands.meeting_one_line import meeting_cancel, meeting_move, meeting_new
from commands.meeting_refusals import refusal_text
from commands.parsing import ParseError
from commands.working import then_also
from participation.i18n import Gettext
from participation.meetings.service import MeetingRefused
from participation.messages import Reply, notice


def meeting(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    action, rest = (args[0].lower(), args[1:]) if args else ("list", [])
    handlers = {
        "new": meeting_new,
        "list": list_meetings,
        "show": show_meeting,
        "move": meeting_move,
        "cancel": meeting_cancel,
    }
    handler = handlers.get(action)
    if handler is None:
        return notice(usage(_), error=True)
    if action in {"new", "move", "cancel"} and not invocation.is_coordinator:
        return coordinators_only(_)
    return refusing(invocation, lambda: handler(invocation, rest))


def refusing(invocation: Invocation, work: Callable[[], Reply]) -> Reply:
    """`work`'s reply, a mistake or a refusal becoming a note, now or from the work after the ack."""
    try:
        reply = work()
    except ParseError as error:
        return notice(f"{error}\n{usage(invocation._)}", error=True)
    except MeetingRefused as refused:
        return notice(refusal_text(refused, invocation), error=True)
    return then_also(reply, lambda later: refusing(invocation, later))


def usage(_: Gettext) -> str:
    return _(
        "Use: `/osallisuus meeting new` (a form), or "
        '`/osallisuus meeting new <network> 16.3.2027 13:00-15:00 "Title" '
        'place="…" link=https://… agenda="…"`; '
        "`/osallisuus meeting list [network]`, `/osallisuus meeting show <id>`, "
        "`/osallisuus meeting move <id> 17.3.2027 13:00-15:00`, `/osallisuus meeting cancel <id>`."
    )


def coordinators_only(_: Gettext) -> Reply:
    return notice(
        _("Only the coordinators can do that. You can see the plan with `/osallisuus status`."), error=True
    )
