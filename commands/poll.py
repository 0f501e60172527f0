"""`poll training | results | export | list`: a training's poll, a closed poll's result, its CSV.

A poll is named by its meeting's number (`12`) or by its own (`p5`, as the result messages and
`poll list` show it). Results stay hidden while a poll is open and below its minimum of answers; the CSV
holds counts per answer and the comments, never who gave them. Opening a training's poll (which asks
Slack who the people are and sends them the poll) and exporting (which builds a file) run after Slack
has its answer; what was typed is checked before (commands/working.py).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from commands.context import Invocation
from commands.meeting import coordinators_only
from commands.mentions import channel_of, users_in
from commands.parsing import ParseError, parse_date, split_options
from commands.working import then_also, working
from participation import directory
from participation.i18n import Gettext, date_text, datetime_text
from participation.messages import Context, Header, Reply, Section, notice, person
from participation.messages import channel as channel_ref
from participation.outbox.items import Kind, enqueue, file
from participation.polls.messages import poll_title
from participation.polls.recipients import Person, known_people
from participation.polls.results import csv_export, figures, is_closed, result_reply
from participation.polls.service import Draft, open_poll
from participation.storage.models import Poll
from participation.text import one_line

TITLE_MAX = 150
LISTED = 10


def poll(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    action, rest = (args[0].lower(), args[1:]) if args else ("list", [])
    handlers = {"training": _training, "results": _results, "export": _export, "list": _list}
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


# --- training ----------------------------------------------------------------------------------------


def _training(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    words, options = split_options(args, {"to", "channel"}, _)
    if len(words) < 2:
        raise ParseError(_("A training poll needs the training's name and date, and who to ask."))
    title, day_text, *loose = words
    title = title.strip()
    if not title or len(title) > TITLE_MAX:
        raise ParseError(_("The training's name must have 1 to {size} characters.").format(size=TITLE_MAX))
    refused = one_line(title, _("The training's name"), _)
    if refused is not None:
        raise ParseError(refused)
    day = parse_date(day_text, _)
    if day > invocation.today():
        raise ParseError(
            _("{date} is in the future: a poll asks about a training that has taken place.").format(
                date=date_text(day, invocation.language)
            )
        )
    users = _mentions(" ".join([options.get("to", ""), *loose]), _)
    channel = _channel(options.get("channel"), _)
    if not users and channel is None:
        raise ParseError(_("Say who to ask: to=@name,@name, or channel=#channel for the channel's members."))
    return working(invocation, lambda: _open_training(invocation, title, day, users, channel))


def _open_training(
    invocation: Invocation, title: str, day: dt.date, users: list[str], channel: str | None
) -> Reply:
    _ = invocation._
    with invocation.db.session() as session:
        people = _people(session, invocation, users, channel)
        draft = Draft("training", title, day, channel or invocation.user_id, invocation.user_id)
        opened = open_poll(session, invocation.settings, draft, people, invocation.now())
        poll_id, closes = opened.id, opened.closes_at
    invocation.on_commit()
    where = channel_ref(channel) if channel else _("you, as a direct message")
    return notice(
        _(
            "Poll {poll} is open: {count} people were asked about the training {title}. It closes on "
            "{closes}; the result then goes to {where}."
        ).format(
            poll=f"p{poll_id}",
            count=len({person.user_id for person in people}),
            title=title,
            closes=datetime_text(closes, invocation.language, invocation.zone),
            where=where,
        )
    )


def _mentions(text: str, _: Gettext) -> list[str]:
    """The people named, as every command reads them (`commands.mentions`), in order, each once."""
    found, unreadable = users_in(text)
    if unreadable:
        raise ParseError(
            _("I could not read {text!r} as a person. Mention people with @, separated by commas.").format(
                text=unreadable[0]
            )
        )
    return found


def _channel(text: str | None, _: Gettext) -> str | None:
    if text is None:
        return None
    found = channel_of(text)
    if found is None:
        raise ParseError(
            _("I could not read {text!r} as a channel. Write channel=#channel.").format(text=text)
        )
    return found


def _people(session: Session, invocation: Invocation, users: list[str], channel: str | None) -> list[Person]:
    """The people mentioned (each must be known as a person) and the channel's members (bots left out)."""
    _ = invocation._
    language = invocation.settings.default_language
    people, unknown = known_people(session, users, language)
    if unknown:
        raise ParseError(
            _("I cannot ask {people}: Slack does not know them as people. Check the mentions.").format(
                people=", ".join(person(user) for user in unknown)
            )
        )
    if channel is not None:
        if not directory.in_channel(session, channel, invocation.bot_user_id):
            raise ParseError(
                _(
                    "I am not a member of the channel {channel}, so I cannot see who to ask. "
                    "Add me with `/invite @osallisuusbotti`."
                ).format(channel=channel_ref(channel))
            )
        people += known_people(session, directory.member_ids(session, channel), language)[0]
    if not people:
        raise ParseError(_("There is nobody to ask: the channel has no members I can send a poll to."))
    return people
