"""`poll training | results | export | list`: a training's poll, a closed poll's result, its CSV.

A poll is named by its meeting's number (`12`) or by its own (`p5`, as the result messages and
`poll list` show it). Results stay hidden while a poll is open and below its minimum of answers; the CSV
holds counts per answer and the comments, never who gave them. Opening a training's poll
(commands/poll_training.py, which asks Slack who the people are and sends them the poll) and exporting
(which builds a file) run after Slack has its answer; what was typed is checked before
(commands/working.py).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from commands.context import Invocation
from commands.meeting import coordinators_only
from commands.parsing import ParseError
from commands.poll_training import training
from commands.working import then_also, working
from participation.i18n import Gettext, date_text, datetime_text
from participation.messages import Context, Header, Reply, Section, notice
from participation.outbox.items import Kind, enqueue, file
from participation.polls.messages import poll_title
from participation.polls.results import csv_export, figures, is_closed, result_reply
from participation.storage.models import Poll

LISTED = 10


def poll(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    action, rest = (args[0].lower(), args[1:]) if args else ("list", [])
    handlers = {"training": training, "results": _results, "export": _export, "list": _list}
    handler = handlers.get(action)
    if handler is None:
        return notice(usage(_), error=True)
    if action in {"training", "export"} and not invocation.is_coordinator:
        return coordinators_only(_)
    return _refusing(invocation, lambda: handler(invocation, rest))


def _refusing(invocation: Invocation, work: Callable[[], Reply]) -> Reply:
    """A mistake becomes a note with the usage, now or from the work after the ack."""
    try:
        reply = work()
    except ParseError as error:
        return notice(f"{error}\n{usage(invocation._)}", error=True)
    return then_also(reply, lambda later: _refusing(invocation, later))


def usage(_: Gettext) -> str:
    return _(
        'Use: `/osallisuus poll training "Name" 16.3.2027 to=@name,@name` or `channel=#channel` '
        "(coordinators); `/osallisuus poll results 12` for meeting 12's poll, or `p5` for poll 5; "
        "`/osallisuus poll export 12` (coordinators); `/osallisuus poll list`."
    )


def find_poll(session: Session, text: str, invocation: Invocation) -> Poll:
    """`12` is meeting 12's poll, `p5` is poll 5."""
    _ = invocation._
    reference = text.strip().lower().lstrip("#")
    if re.fullmatch(r"p\d{1,9}", reference):
        found = session.get(Poll, int(reference[1:]))
        if found is None:
            raise ParseError(
                _("There is no poll {poll}. `/osallisuus poll list` shows the polls.").format(poll=text)
            )
        return found
    if re.fullmatch(r"\d{1,9}", reference):
        found = session.scalar(select(Poll).where(Poll.meeting_id == int(reference)))
        if found is None:
            raise ParseError(
                _(
                    "Meeting {meeting} has no poll. A meeting's poll is sent {minutes} minutes after it ends."
                ).format(meeting=reference, minutes=invocation.settings.poll_delay_minutes)
            )
        return found
    raise ParseError(_("{text!r} is neither a meeting number (12) nor a poll (p5).").format(text=text))


def _one_poll_reference(args: list[str], _: Gettext) -> str:
    if len(args) != 1:
        raise ParseError(_("Name one poll: a meeting number (12) or a poll (p5)."))
    return args[0]


def _still_open(poll: Poll, invocation: Invocation) -> Reply:
    _ = invocation._
    return notice(
        _("The poll on {title} is open until {closes}. Its result is shown when it closes.").format(
            title=poll_title(poll, invocation.language),
            closes=datetime_text(poll.closes_at, invocation.language, invocation.zone),
        )
    )


# --- results, export, list --------------------------------------------------------------------------


def _results(invocation: Invocation, args: list[str]) -> Reply:
    reference = _one_poll_reference(args, invocation._)
    with invocation.db.session() as session:
        found = find_poll(session, reference, invocation)
        if not is_closed(found, invocation.now()):
            return _still_open(found, invocation)
        return result_reply(session, found, invocation.language, invocation.zone)


def _export(invocation: Invocation, args: list[str]) -> Reply:
    """The CSV goes to the coordinator alone, as a direct message: comments are for the coordinators."""
    reference = _one_poll_reference(args, invocation._)
    return working(invocation, lambda: _export_file(invocation, reference))


def _export_file(invocation: Invocation, reference: str) -> Reply:
    _ = invocation._
    with invocation.db.session() as session:
        found = find_poll(session, reference, invocation)
        if not is_closed(found, invocation.now()):
            return _still_open(found, invocation)
        shown = figures(session, found)
        if not shown.shown:
            return notice(
                _("Too few answers to export: at least {minimum} are needed.").format(
                    minimum=shown.min_answers
                ),
                error=True,
            )
        title = _("Feedback {poll}: {title}").format(
            poll=f"p{found.id}", title=poll_title(found, invocation.language)
        )
        payload = file(
            invocation.user_id,
            f"poll-p{found.id}.csv",
            csv_export(session, found, invocation.language),
            title,
        )
        key = f"poll-export:{found.id}:{invocation.user_id}:{uuid.uuid4().hex}"
        enqueue(session, key, Kind.FILE, payload)
        name = f"p{found.id}"
    invocation.on_commit()
    return notice(
        _("The CSV file of poll {poll} is on its way to you as a direct message.").format(poll=name)
    )


def _list(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    now = invocation.now()
    with invocation.db.session() as session:
        polls = list(session.scalars(select(Poll).order_by(Poll.id.desc()).limit(LISTED)))
        lines = [_list_line(found, invocation, is_closed(found, now)) for found in polls]
    if not lines:
        return notice(_("There are no polls yet. A meeting's poll is sent when the meeting has ended."))
    return Reply(
        [
            Header(_("Feedback polls")),
            Section("\n".join(lines)),
            Context(_("`/osallisuus poll results p5` shows a closed poll's result.")),
        ]
    )


def _list_line(found: Poll, invocation: Invocation, closed: bool) -> str:
    _ = invocation._
    language = invocation.language
    what = _("meeting {meeting}").format(meeting=found.meeting_id) if found.meeting_id else _("training")
    state = (
        _("closed")
        if closed
        else _("open until {closes}").format(closes=datetime_text(found.closes_at, language, invocation.zone))
    )
    title = poll_title(found, language)
    return f"`p{found.id}` *{title}* · {date_text(found.event_date, language)} · {what} · {state}"
