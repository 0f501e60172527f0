"""The year plan's form (`meetings plan`): the proposed dates shown for editing, the answers checked
before the form closes, and every meeting created after it in one transaction, or none."""

from __future__ import annotations

import datetime as dt

from commands.context import Invocation
from commands.ids import PLAN_FORM
from commands.meeting_fields import one_line_errors
from commands.meeting_refusals import refusal_text
from commands.parsing import ParseError, local_datetime, parse_date, parse_time
from participation import numbers
from participation.i18n import Gettext, date_text
from participation.meetings import service
from participation.meetings.networks import NetworkConfig, network_config
from participation.meetings.service import MeetingDraft, MeetingRefused
from participation.meetings.texts import default_title, network_name
from participation.messages import Field, Form, Reply, Submission, notice


def plan_form(
    invocation: Invocation,
    config: NetworkConfig,
    year: int,
    dates: list[dt.date],
    booked: list[dt.date] | None = None,
) -> Form:
    _ = invocation._
    end = (dt.datetime.combine(dates[0], config.start) + dt.timedelta(minutes=config.minutes)).time()
    name = network_name(config.id, invocation.language)
    fields = [
        Field(
            f"date{n}",
            _("Meeting {number}").format(number=n + 1),
            "date",
            initial=day.isoformat(),
            optional=True,
        )
        for n, day in enumerate(dates)
    ]
    fields += [
        Field("start", _("Starts"), "time", initial=config.start.strftime("%H:%M")),
        Field("end", _("Ends"), "time", initial=end.strftime("%H:%M")),
        Field(
            "title",
            _("Title"),
            optional=True,
            max_length=150,
            hint=_("Empty: each reader sees “{default}” in their own language.").format(
                default=default_title(config.id, invocation.language)
            ),
        ),
        Field("place", _("Place"), optional=True, max_length=500),
        Field("link", _("Online link"), "url", optional=True),
    ]
    intro = _(
        "Proposed dates for {network} in {year}: on the network's usual weekday, never on a weekend, a "
        "public holiday or its eve, or in a blackout period. Change any date, or empty it to leave it out."
    ).format(network=name, year=year)
    if booked:
        intro += " " + _("Already booked: {dates}.").format(
            dates=", ".join(date_text(day, invocation.language) for day in booked)
        )
    return Form(
        PLAN_FORM, _("Plan the year"), _("Create and invite"), tuple(fields), intro, f"{config.id}:{year}"
    )


def submit_plan(invocation: Invocation, values: dict[str, str], metadata: str) -> Submission:
    """The dates are checked before the form is answered (a clash goes back to its date); the meetings
    are created after it, all in one transaction, since inviting a whole channel takes a while."""
    _ = invocation._
    network_id, _sep, year_text = metadata.partition(":")
    config = network_config(network_id)
    if not invocation.is_coordinator or config is None or numbers.year(year_text) is None:
        return Submission(errors={"title": _("Only the coordinators can do that.")})
    errors, drafts = _drafts(values, config, invocation, _)
    if not drafts and not errors:
        errors["date0"] = _("Give at least one date.")
    if not errors:
        with invocation.db.session() as session:
            for field, draft in drafts:
                try:
                    service.check(session, draft, invocation.now())
                except MeetingRefused as refused:
                    errors[field] = refusal_text(refused, invocation)
    if errors:
        return Submission(errors=errors)
    return Submission(then=lambda: _create_all(invocation, drafts))


def _create_all(invocation: Invocation, drafts: list[tuple[str, MeetingDraft]]) -> Reply:
    """Every meeting or none: a date refused now (taken meanwhile, or clashing with another date of the
    same form) leaves the whole year as it was, and the coordinator is told which date it was."""
    _ = invocation._
    created: list[str] = []
    try:
        with invocation.db.session() as session:
            for _field, draft in drafts:
                try:
                    meeting = service.create(
                        session,
                        invocation.settings,
                        draft,
                        invocation.user_id,
                        invocation.now(),
                    )
                except MeetingRefused as refused:
                    raise _DateRefusal(
                        _local_date(draft, invocation), refusal_text(refused, invocation)
                    ) from None
                created.append(f"#{meeting.id} {_local_date(draft, invocation)}")
    except _DateRefusal as refusal:
        return notice(
            _("No meetings were created: the meeting on {date} was refused. {reason}").format(
                date=refusal.date, reason=refusal.text
            ),
            error=True,
        )
    invocation.on_commit()
    return notice(
        _("{count} meetings created and invitations sent: {meetings}.").format(
            count=len(created), meetings=", ".join(created)
        )
    )


def _local_date(draft: MeetingDraft, invocation: Invocation) -> str:
    return date_text(draft.starts_at.astimezone(invocation.zone).date(), invocation.language)


class _DateRefusal(Exception):
    def __init__(self, date: str, text: str) -> None:
        super().__init__(text)
        self.date, self.text = date, text


def _drafts(
    values: dict[str, str], config: NetworkConfig, invocation: Invocation, _: Gettext
) -> tuple[dict[str, str], list[tuple[str, MeetingDraft]]]:
    errors: dict[str, str] = {}
    times: dict[str, dt.time] = {}
    for field in ("start", "end"):
        try:
            times[field] = parse_time(values.get(field, ""), _)
        except ParseError as error:
            errors[field] = str(error)
    title, place, link = (values.get(field, "").strip() for field in ("title", "place", "link"))
    errors |= one_line_errors(title, place, link, _)
    drafts: list[tuple[str, MeetingDraft]] = []
    for field in sorted(key for key in values if key.startswith("date")):
        if not values[field]:
            continue
        try:
            day = parse_date(values[field], _)
        except ParseError as error:
            errors[field] = str(error)
            continue
        if errors:
            continue
        drafts.append(
            (
                field,
                MeetingDraft(
                    config.id,
                    title,
                    local_datetime(day, times["start"], invocation.zone),
                    local_datetime(day, times["end"], invocation.zone),
                    place or None,
                    link or None,
                ),
            )
        )
    return errors, drafts
