"""`meeting new`, `move` and `cancel` as typed on one line: the words read and checked before the ack,
the change run after it (commands/working.py); without the words, each opens its form instead."""

from __future__ import annotations

import datetime as dt

from commands.context import Invocation
from commands.meeting_changes import cancel_meeting, check_cancel, check_move, create_meeting, move_meeting
from commands.meeting_days import unless_meant
from commands.meeting_fields import PLACE_MAX, TEXT_MAX, TITLE_MAX, one_line_errors
from commands.meeting_forms import cancel_form, move_form, new_form
from commands.parsing import (
    ParseError,
    local_datetime,
    needs_quotes,
    parse_date,
    parse_time_range,
    quoted_example,
    split_options,
)
from commands.working import working
from participation import numbers
from participation.i18n import Gettext
from participation.meetings import service
from participation.meetings.networks import network_config
from participation.meetings.service import MeetingDraft, MeetingRefused, Refusal
from participation.messages import Reply

NEW_OPTIONS = {"place", "link", "agenda", "anyway"}


def meeting_new(invocation: Invocation, args: list[str]) -> Reply:
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
    return working(invocation, lambda: create_meeting(invocation, draft))


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


def _limited(text: str | None, size: int, _: Gettext) -> str:
    if text is not None and len(text) > size:
        raise ParseError(_("A text is too long: at most {size} characters.").format(size=size))
    return (text or "").strip()


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


def parse_meeting_id(args: list[str], _: Gettext) -> int:
    meeting_id = numbers.row_id(args[0]) if args else None
    if meeting_id is None:
        raise ParseError(_("Give the meeting's number, for example `/osallisuus meeting show 12`."))
    return meeting_id


def meeting_move(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    meeting_id = parse_meeting_id(args, _)
    if len(args) == 1:
        return Reply(form=move_form(invocation, meeting_id))
    words, _options = split_options(args, {"anyway"}, _)
    if len(words) != 3:
        raise ParseError(_("Give the meeting's number, the new date and the new time."))
    start, end = parse_time_range(words[2], _)
    starts_at = local_datetime(parse_date(words[1], _), start, invocation.zone)
    check_move(invocation, meeting_id, starts_at, end)
    warned = unless_meant(invocation, starts_at.date(), "meeting move", args)
    if warned is not None:
        return warned
    return working(invocation, lambda: move_meeting(invocation, meeting_id, starts_at, end))


def meeting_cancel(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    if not args:
        return Reply(form=cancel_form(invocation))
    meeting_id = parse_meeting_id(args, _)
    check_cancel(invocation, meeting_id)
    return working(invocation, lambda: cancel_meeting(invocation, meeting_id))
