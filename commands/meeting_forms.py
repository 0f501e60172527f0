"""The `meeting new`, `move` and `cancel` forms, and their answers: each answer is checked before the form
closes (a mistake goes back to its field), and the change runs after it (commands/meeting_changes.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from commands.context import Invocation
from commands.ids import CANCEL_FORM, MOVE_FORM, NEW_FORM
from commands.meeting_changes import cancel_meeting, check_cancel, check_move, create_meeting, move_meeting
from commands.meeting_days import form_error
from commands.meeting_fields import TEXT_MAX, TITLE_MAX, one_line_errors
from commands.meeting_refusals import meeting_refusal, refusal_text
from commands.parsing import ParseError, local_datetime, parse_date, parse_time
from participation import numbers
from participation.i18n import Gettext
from participation.meetings import service
from participation.meetings.networks import configured_networks
from participation.meetings.service import MeetingDraft, MeetingRefused, Refusal
from participation.meetings.texts import meeting_title, meeting_when, network_name
from participation.messages import Field, Form, Submission
from participation.storage.models import Meeting
from participation.text import too_long


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
    return Submission(then=lambda: meeting_refusal(invocation, lambda: create_meeting(invocation, draft)))


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
        check_move(invocation, meeting_id, starts_at, ends_at.time())
    except MeetingRefused as refused:
        return Submission(errors={_FIELD_OF.get(refused.reason, "date"): refusal_text(refused, invocation)})
    poor_day = form_error(starts_at.date(), invocation.language, _)
    if poor_day is not None:
        return Submission(errors={"date": poor_day})
    return Submission(
        then=lambda: meeting_refusal(
            invocation, lambda: move_meeting(invocation, meeting_id, starts_at, ends_at.time())
        )
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
        check_cancel(invocation, meeting_id)
    except MeetingRefused as refused:
        return Submission(errors={"meeting": refusal_text(refused, invocation)})
    return Submission(
        then=lambda: meeting_refusal(invocation, lambda: cancel_meeting(invocation, meeting_id))
    )
