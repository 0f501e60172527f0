"""`poll training`: a training's poll, asked of the people and channel members named; what was typed is
checked before Slack has its answer, the poll opened (asking Slack who the people are) after."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from commands.context import Invocation
from commands.mentions import channel_of, users_in
from commands.parsing import ParseError, parse_date, split_options
from commands.working import working
from participation import directory
from participation.i18n import Gettext, date_text, datetime_text
from participation.messages import Reply, notice, person
from participation.messages import channel as channel_ref
from participation.polls.recipients import Person, known_people
from participation.polls.service import Draft, open_poll
from participation.text import one_line

TITLE_MAX = 150


def training(invocation: Invocation, args: list[str]) -> Reply:
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
