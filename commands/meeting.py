"""`meeting new | list | show | move | cancel`: a form for each change, and a one-line form for quick use.

Only coordinators change meetings. Every refusal says why in the user's language and leaves everything
as it was: the change and what it sends are one transaction (see meetings.service). What was typed is
checked at once and refused in the acknowledgement; the change itself, which invites the network's
members, runs after it (commands/working.py), and is refused then only if things changed meanwhile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from commands.context import Invocation
from commands.ids import CANCEL_FORM, MOVE_FORM, NEW_FORM
from commands.meeting_days import form_error, unless_meant
from commands.parsing import (
    ParseError,
    local_datetime,
    needs_quotes,
    parse_date,
    parse_time,
    parse_time_range,
    quoted_example,
    split_options,
)
from commands.working import then_also, working
from participation import numbers
from participation.i18n import Gettext
from participation.meetings import service
from participation.meetings.networks import configured_networks, network_config
from participation.meetings.service import Clash, MeetingDraft, MeetingRefused, Refusal
from participation.meetings.texts import details, meeting_title, meeting_when, network_name, shown_title, when
from participation.messages import Context, Field, Form, Header, Reply, Section, Submission, notice, person
from participation.storage.models import Meeting
from participation.text import one_line, too_long

TITLE_MAX = 150
TEXT_MAX = 2000
PLACE_MAX = 500
NEW_OPTIONS = {"place", "link", "agenda", "anyway"}


def meeting(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    action, rest = (args[0].lower(), args[1:]) if args else ("list", [])
    handlers = {"new": _new, "list": _list, "show": _show, "move": _move, "cancel": _cancel}
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


def meeting_refusal(invocation: Invocation, work: Callable[[], Reply]) -> Reply:
    """A form's work after the ack: a refusal (something changed since the form was checked) is the
    outcome the person is told."""
    try:
        return work()
    except MeetingRefused as refused:
        return notice(refusal_text(refused, invocation), error=True)


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


def refusal_text(refused: MeetingRefused, invocation: Invocation) -> str:
    _ = invocation._
    known = ", ".join(f"`{network}`" for network in configured_networks())
    texts = {
        Refusal.UNKNOWN_NETWORK: _("There is no network {network!r}. The networks are {known}."),
        Refusal.NOT_LINKED: _(
            "The network {network} has no channel yet. A coordinator types "
            "`/osallisuus network link {network}` in the network's channel."
        ),
        Refusal.NOT_IN_CHANNEL: _(
            "I am not a member of that channel, so I cannot see who to invite. "
            "Add me with `/invite @osallisuusbotti`."
        ),
        Refusal.IN_PAST: _("That time has already passed. Choose a time in the future."),
        Refusal.END_BEFORE_START: _("The meeting must end after it starts."),
        Refusal.TOO_LONG: _("A meeting can last at most 12 hours."),
        Refusal.BAD_LINK: _("The online link must be a web address starting with https://."),
        Refusal.NO_SUCH_MEETING: _(
            "There is no meeting {meeting_id}. `/osallisuus meeting list` shows the meetings."
        ),
        Refusal.CANCELLED: _("That meeting is already cancelled."),
        Refusal.STARTED: _("That meeting has already started, so it can no longer be changed."),
        Refusal.OVERLAP: _("That overlaps with another meeting of the same network: {other}."),
    }
    details_ = dict(refused.details)
    other = details_.get("other")
    if isinstance(other, Clash):
        at = when(other.starts_at, other.ends_at, invocation.language, invocation.zone)
        title = shown_title(other.title, other.network_id, invocation.language)
        details_["other"] = f"{title}, {at} (#{other.id})"
    return texts[refused.reason].format(known=known, **details_)


# --- new ---------------------------------------------------------------------------------------------


def _new(invocation: Invocation, args: list[str]) -> Reply:
    if not args:
        return Reply(form=new_form(invocation))
    draft = _blank_to_none(draft_from_words(invocation, args))
    if not draft.title:
        raise ParseError(invocation._("The meeting needs a title."))
    with invocation.db.session() as session:
        service.check(session, draft, invocation.now())
    warned = unless_meant(invocation, draft.starts_at.date(), "meeting new", args)
    if warned is not None:
        return warned
    return working(invocation, lambda: _create(invocation, draft))


def draft_from_words(invocation: Invocation, args: list[str]) -> MeetingDraft:
    _ = invocation._
    words, options = split_options(args, NEW_OPTIONS, _)
    example = quoted_example(args, NEW_OPTIONS, 4)
    if example is not None:
        raise ParseError(needs_quotes(f"/osallisuus meeting new {example}", _))
    if len(words) != 4:
        raise ParseError(_("A new meeting needs the network, the date, the time and the title."))
    network_id, day_text, time_text, title = words
    config = network_config(network_id)
    if config is None:
        raise MeetingRefused(Refusal.UNKNOWN_NETWORK, network=network_id)
    start, end = parse_time_range(time_text, _)
    starts_at = local_datetime(parse_date(day_text, _), start, invocation.zone)
    ends_at = (
        local_datetime(starts_at.date(), end, invocation.zone)
        if end is not None
        else starts_at + dt.timedelta(minutes=config.minutes)
    )
    draft = MeetingDraft(
        network_id=config.id,
        title=_limited(title, TITLE_MAX, _),
        starts_at=starts_at,
        ends_at=ends_at,
        place=_limited(options.get("place"), PLACE_MAX, _),
        online_url=_limited(options.get("link"), TEXT_MAX, _),
        agenda=_limited(options.get("agenda"), TEXT_MAX, _),
    )
    refusals = one_line_errors(draft.title, draft.place, draft.online_url, _)
    if refusals:
        raise ParseError(next(iter(refusals.values())))
    return draft


def one_line_errors(title: str, place: str | None, link: str | None, _: Gettext) -> dict[str, str]:
    """The fields (form block ids) that would break an invitation's Subject, SUMMARY, LOCATION or URL,
    or are longer than the meeting's columns hold."""
    fields = {
        "title": (title, _("Title"), TITLE_MAX),
        "place": (place, _("Place"), PLACE_MAX),
        "link": (link, _("Online link"), TEXT_MAX),
    }
    found = {
        field: one_line(value, label, _) or too_long(value, size, label, _)
        for field, (value, label, size) in fields.items()
    }
    return {field: refused for field, refused in found.items() if refused is not None}


def _limited(text: str | None, size: int, _: Gettext) -> str:
    if text is not None and len(text) > size:
        raise ParseError(_("A text is too long: at most {size} characters.").format(size=size))
    return (text or "").strip()


def _create(invocation: Invocation, draft: MeetingDraft) -> Reply:
    _ = invocation._
    with invocation.db.session() as session:
        created = service.create(session, invocation.settings, draft, invocation.user_id, invocation.now())
        lines = details(created, invocation.language, invocation.zone)
        meeting_id = created.id
    invocation.on_commit()
    return Reply(
        [
            Section(_("Meeting #{id} created. Invitations are on their way.").format(id=meeting_id)),
            Section("\n".join(lines)),
        ]
    )


def _blank_to_none(draft: MeetingDraft) -> MeetingDraft:
    return MeetingDraft(
        draft.network_id,
        draft.title,
        draft.starts_at,
        draft.ends_at,
        draft.place or None,
        draft.online_url or None,
        draft.agenda or None,
    )


def new_form(invocation: Invocation) -> Form:
    _ = invocation._
    return Form(
        callback_id=NEW_FORM,
        title=_("New meeting"),
        submit=_("Create and invite"),
        fields=(
            Field("network", _("Network"), "select", options=_network_options(invocation.language)),
            Field("title", _("Title"), max_length=TITLE_MAX),
            Field("date", _("Date"), "date"),
            Field("start", _("Starts"), "time", initial="13:00"),
            Field("end", _("Ends"), "time", initial="15:00"),
            Field("place", _("Place"), optional=True, max_length=500),
            Field("link", _("Online link"), "url", optional=True),
            Field("agenda", _("Agenda"), "textarea", optional=True, max_length=TEXT_MAX),
        ),
    )


def _network_options(language: str) -> tuple[tuple[str, str], ...]:
    return tuple((network_id, network_name(network_id, language)) for network_id in configured_networks())


def submit_new(invocation: Invocation, values: dict[str, str], metadata: str) -> Submission:
    _ = invocation._
    if not invocation.is_coordinator:
        return Submission(errors={"title": _("Only the coordinators can do that.")})
    errors, times = _form_times(values, _, invocation)
    title, place, link = (values.get(field, "").strip() for field in ("title", "place", "link"))
    if not title:
        errors["title"] = _("The meeting needs a title.")
    errors |= one_line_errors(title, place, link, _)
    agenda_too_long = too_long(values.get("agenda"), TEXT_MAX, _("Agenda"), _)
    if agenda_too_long is not None:
        errors["agenda"] = agenda_too_long
    if errors or times is None:
        return Submission(errors=errors)
    draft = MeetingDraft(
        network_id=values.get("network", ""),
        title=title,
        starts_at=times[0],
        ends_at=times[1],
        place=place or None,
        online_url=link or None,
        agenda=values.get("agenda") or None,
    )
    try:
        with invocation.db.session() as session:
            service.check(session, draft, invocation.now())
    except MeetingRefused as refused:
        return Submission(errors={_FIELD_OF.get(refused.reason, "date"): refusal_text(refused, invocation)})
    poor_day = form_error(draft.starts_at.date(), invocation.language, _)
    if poor_day is not None:
        return Submission(errors={"date": poor_day})
    return Submission(then=lambda: meeting_refusal(invocation, lambda: _create(invocation, draft)))


_FIELD_OF = {
    Refusal.UNKNOWN_NETWORK: "network",
    Refusal.NOT_LINKED: "network",
    Refusal.NOT_IN_CHANNEL: "network",
    Refusal.END_BEFORE_START: "end",
    Refusal.TOO_LONG: "end",
    Refusal.BAD_LINK: "link",
}


def _form_times(
    values: dict[str, str], _: Gettext, invocation: Invocation
) -> tuple[dict[str, str], tuple[dt.datetime, dt.datetime] | None]:
    errors: dict[str, str] = {}
    parsed: dict[str, object] = {}
    for field, parse in (("date", parse_date), ("start", parse_time), ("end", parse_time)):
        try:
            parsed[field] = parse(values.get(field, ""), _)
        except ParseError as error:
            errors[field] = str(error)
    if errors:
        return errors, None
    day, start, end = parsed["date"], parsed["start"], parsed["end"]
    assert isinstance(day, dt.date) and isinstance(start, dt.time) and isinstance(end, dt.time)
    return errors, (local_datetime(day, start, invocation.zone), local_datetime(day, end, invocation.zone))


# --- list and show -----------------------------------------------------------------------------------


def _list(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    config = network_config(args[0]) if args else None
    if args and config is None:
        raise MeetingRefused(Refusal.UNKNOWN_NETWORK, network=args[0])
    since = invocation.now() - dt.timedelta(days=1)
    with invocation.db.session() as session:
        query = select(Meeting).where(Meeting.ends_at >= since).order_by(Meeting.starts_at)
        if config is not None:
            query = query.where(Meeting.network_id == config.id)
        meetings = list(session.scalars(query.limit(40)))
        lines = [_meeting_line(m, invocation) for m in meetings]
    reply = Reply([Header(_("Coming network meetings"))])
    reply.parts.append(Section("\n".join(lines) if lines else _("No meetings coming.")))
    reply.parts.append(Context(_("`/osallisuus meeting show <id>` shows a meeting and who is coming.")))
    return reply


def _meeting_line(meeting: Meeting, invocation: Invocation) -> str:
    _ = invocation._
    line = (
        f"#{meeting.id} *{meeting_title(meeting, invocation.language)}*: "
        f"{meeting_when(meeting, invocation.language, invocation.zone)} · "
        f"{network_name(meeting.network_id, invocation.language)}"
    )
    if meeting.status == "cancelled":
        return f"~{line}~ " + _("(cancelled)")
    coming = sum(rsvp.attending for rsvp in meeting.rsvps)
    return line + " · " + _("{count} attending").format(count=coming)


def _show(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    meeting_id = _meeting_id(args, _)
    with invocation.db.session() as session:
        found = session.get(Meeting, meeting_id)
        if found is None:
            raise MeetingRefused(Refusal.NO_SUCH_MEETING, meeting_id=meeting_id)
        lines = details(found, invocation.language, invocation.zone)
        yes = [r.slack_user_id for r in found.rsvps if r.attending]
        no = [r.slack_user_id for r in found.rsvps if not r.attending]
        cancelled = found.status == "cancelled"
    reply = Reply([Header(f"#{meeting_id}"), Section("\n".join(lines))])
    if cancelled:
        reply.parts.append(Section(_("This meeting is cancelled.")))
    if invocation.is_coordinator:
        reply.parts.append(
            Section(
                _("Attending ({count}): {people}").format(count=len(yes), people=_mentions(yes))
                + "\n"
                + _("Not attending ({count}): {people}").format(count=len(no), people=_mentions(no))
            )
        )
    else:
        reply.parts.append(Section(_("{count} attending").format(count=len(yes))))
    return reply


def _mentions(users: list[str]) -> str:
    return ", ".join(person(user) for user in users) or "–"


def _meeting_id(args: list[str], _: Gettext) -> int:
    meeting_id = numbers.row_id(args[0]) if args else None
    if meeting_id is None:
        raise ParseError(_("Give the meeting's number, for example `/osallisuus meeting show 12`."))
    return meeting_id


# --- move and cancel ---------------------------------------------------------------------------------


def _move(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    meeting_id = _meeting_id(args, _)
    if len(args) == 1:
        return Reply(form=move_form(invocation, meeting_id))
    words, _options = split_options(args, {"anyway"}, _)
    if len(words) != 3:
        raise ParseError(_("Give the meeting's number, the new date and the new time."))
    start, end = parse_time_range(words[2], _)
    starts_at = local_datetime(parse_date(words[1], _), start, invocation.zone)
    _check_move(invocation, meeting_id, starts_at, end)
    warned = unless_meant(invocation, starts_at.date(), "meeting move", args)
    if warned is not None:
        return warned
    return working(invocation, lambda: _do_move(invocation, meeting_id, starts_at, end))


def _ends_at(
    session: Session, invocation: Invocation, meeting_id: int, starts_at: dt.datetime, end: dt.time | None
) -> dt.datetime:
    """The new end: the time given, or the meeting's length kept."""
    found = session.get(Meeting, meeting_id)
    if found is None:
        raise MeetingRefused(Refusal.NO_SUCH_MEETING, meeting_id=meeting_id)
    if end is not None:
        return local_datetime(starts_at.date(), end, invocation.zone)
    return starts_at + (found.ends_at - found.starts_at)


def _check_move(invocation: Invocation, meeting_id: int, starts_at: dt.datetime, end: dt.time | None) -> None:
    with invocation.db.session() as session:
        ends_at = _ends_at(session, invocation, meeting_id, starts_at, end)
        service.check_move(session, meeting_id, starts_at, ends_at, invocation.now())


def _do_move(invocation: Invocation, meeting_id: int, starts_at: dt.datetime, end: dt.time | None) -> Reply:
    _ = invocation._
    with invocation.db.session() as session:
        ends_at = _ends_at(session, invocation, meeting_id, starts_at, end)
        moved = service.move(
            session,
            invocation.settings,
            meeting_id,
            starts_at,
            ends_at,
            invocation.user_id,
            invocation.now(),
        )
        lines = details(moved, invocation.language, invocation.zone)
    invocation.on_commit()
    return Reply(
        [
            Section(_("Meeting #{id} moved. Updated invitations are on their way.").format(id=meeting_id)),
            Section("\n".join(lines)),
        ]
    )


def move_form(invocation: Invocation, meeting_id: int) -> Form:
    _ = invocation._
    with invocation.db.session() as session:
        found = session.get(Meeting, meeting_id)
        if found is None:
            raise MeetingRefused(Refusal.NO_SUCH_MEETING, meeting_id=meeting_id)
        start, end = found.starts_at.astimezone(invocation.zone), found.ends_at.astimezone(invocation.zone)
        title = meeting_title(found, invocation.language)
    return Form(
        callback_id=MOVE_FORM,
        title=_("Move a meeting"),
        submit=_("Move and update"),
        intro=f"#{meeting_id} *{title}*",
        metadata=str(meeting_id),
        fields=(
            Field("date", _("Date"), "date", initial=start.date().isoformat()),
            Field("start", _("Starts"), "time", initial=start.strftime("%H:%M")),
            Field("end", _("Ends"), "time", initial=end.strftime("%H:%M")),
        ),
    )


def submit_move(invocation: Invocation, values: dict[str, str], metadata: str) -> Submission:
    _ = invocation._
    if not invocation.is_coordinator:
        return Submission(errors={"date": _("Only the coordinators can do that.")})
    errors, times = _form_times(values, _, invocation)
    if errors or times is None:
        return Submission(errors=errors)
    # The form's metadata is the meeting's id; anything else finds no meeting (0 is never an id).
    meeting_id, (starts_at, ends_at) = numbers.row_id(metadata) or 0, times
    try:
        _check_move(invocation, meeting_id, starts_at, ends_at.time())
    except MeetingRefused as refused:
        return Submission(errors={_FIELD_OF.get(refused.reason, "date"): refusal_text(refused, invocation)})
    poor_day = form_error(starts_at.date(), invocation.language, _)
    if poor_day is not None:
        return Submission(errors={"date": poor_day})
    return Submission(
        then=lambda: meeting_refusal(
            invocation, lambda: _do_move(invocation, meeting_id, starts_at, ends_at.time())
        )
    )


def _cancel(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    if not args:
        return Reply(form=cancel_form(invocation))
    meeting_id = _meeting_id(args, _)
    _check_cancel(invocation, meeting_id)
    return working(invocation, lambda: _do_cancel(invocation, meeting_id))


def _check_cancel(invocation: Invocation, meeting_id: int) -> None:
    with invocation.db.session() as session:
        service.check_cancel(session, meeting_id, invocation.now())


def _do_cancel(invocation: Invocation, meeting_id: int) -> Reply:
    _ = invocation._
    with invocation.db.session() as session:
        cancelled = service.cancel(
            session, invocation.settings, meeting_id, invocation.user_id, invocation.now()
        )
        title = meeting_title(cancelled, invocation.language)
    invocation.on_commit()
    return notice(
        _("Meeting #{id} {title} is cancelled. The members are told.").format(id=meeting_id, title=title)
    )


def _cancel_label(meeting: Meeting, invocation: Invocation) -> str:
    title = meeting_title(meeting, invocation.language)
    return f"#{meeting.id} {title}, {meeting_when(meeting, invocation.language, invocation.zone)}"[:75]


def cancel_form(invocation: Invocation) -> Form:
    _ = invocation._
    with invocation.db.session() as session:
        coming = session.scalars(
            select(Meeting)
            .where(Meeting.status == "scheduled", Meeting.starts_at > invocation.now())
            .order_by(Meeting.starts_at)
            .limit(100)
        )
        options = tuple((str(m.id), _cancel_label(m, invocation)) for m in coming)
    return Form(
        callback_id=CANCEL_FORM,
        title=_("Cancel a meeting"),
        submit=_("Cancel the meeting"),
        fields=(Field("meeting", _("Meeting"), "select", options=options),),
    )


def submit_cancel(invocation: Invocation, values: dict[str, str], metadata: str) -> Submission:
    _ = invocation._
    if not invocation.is_coordinator:
        return Submission(errors={"meeting": _("Only the coordinators can do that.")})
    meeting_id = numbers.row_id(values.get("meeting", ""))
    if meeting_id is None:
        return Submission(errors={"meeting": _("Choose a meeting.")})
    try:
        _check_cancel(invocation, meeting_id)
    except MeetingRefused as refused:
        return Submission(errors={"meeting": refusal_text(refused, invocation)})
    return Submission(then=lambda: meeting_refusal(invocation, lambda: _do_cancel(invocation, meeting_id)))
