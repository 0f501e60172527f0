"""What a person sees of a poll: the question with its five buttons, and, once they have answered, what
was recorded with the buttons to change it.

A button's value is `<poll id>:<token>:<rating>`. The question's buttons carry no token (a first answer);
the buttons after an answer carry the answer's signed token (`polls.tokens`), which exists nowhere else
than in this person's own message: it tells a change which rating to take off the count and which comment
is theirs, without the database knowing whose any of them is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from participation.i18n import Gettext, date_text, datetime_text, translator
from participation.meetings.texts import network_name, shown_title
from participation.messages import Actions, Button, Context, Reply, Section
from participation.polls.scale import RATINGS, scale_words, step_label
from participation.storage.models import Poll

ANSWER_ACTION = "poll_answer_"  # + the rating: Slack wants each button of a row to have its own id
ANSWER_ACTIONS = re.compile(r"^poll_answer_\w{1,8}$")
COMMENT_ACTION = "poll_comment"
COMMENT_FORM = "poll_comment_form"
ANSWER_KEY = r"[A-Za-z0-9_.-]{16,200}"  # a signed token: base64url, a dot, its signature
_ANSWER_VALUE = re.compile(rf"^(\d{{1,9}}):({ANSWER_KEY})?:(-?\d{{1,3}})$")
_COMMENT_VALUE = re.compile(rf"^(\d{{1,9}}):({ANSWER_KEY})$")


@dataclass(frozen=True)
class Click:
    """A button's value, read as untrusted input: `token` is empty for a first answer."""

    poll_id: int
    token: str
    rating: int

    @property
    def in_scale(self) -> bool:
        return self.rating in RATINGS


def parse_click(action_id: str, value: str) -> Click | None:
    """None for anything the bot did not write; a rating outside 1–5 comes back for its own refusal."""
    match = _ANSWER_VALUE.match(value)
    if match is None:
        return None
    click = Click(int(match.group(1)), match.group(2) or "", int(match.group(3)))
    if click.in_scale and action_id != f"{ANSWER_ACTION}{click.rating}":
        return None
    return click


def parse_comment_value(value: str) -> tuple[int, str] | None:
    match = _COMMENT_VALUE.match(value)
    return (int(match.group(1)), match.group(2)) if match else None


def poll_title(poll: Poll, language: str) -> str:
    """The poll's title; a meeting's poll without one is named like its meeting, in the reader's language."""
    return shown_title(poll.title, poll.network_id or "", language)


def event_line(poll: Poll, language: str) -> str:
    """`*Kevään kokous* · 16.3.2027 · Osallisuusverkosto`: what the poll is about."""
    parts = [f"*{poll_title(poll, language)}*", date_text(poll.event_date, language)]
    if poll.network_id:
        parts.append(network_name(poll.network_id, language))
    return " · ".join(parts)


def question(poll: Poll, language: str, zone: dt.tzinfo, reminder: bool = False) -> Reply:
    _ = translator(language)
    asked = (
        _("How satisfied were you with this network meeting?")
        if poll.kind == "meeting"
        else _("How satisfied were you with this training?")
    )
    reply = Reply()
    if reminder:
        reply.parts.append(Section(_("A reminder: we would still like your feedback. One click is enough.")))
    reply.parts += [
        Section(f"*{asked}*\n{event_line(poll, language)}"),
        Actions(_buttons(poll.id, "", None, _)),
        Context(
            _(
                "Your answer is anonymous: it is stored without your name. You can change it until "
                "{closes}. Results are shown only if at least {minimum} people answer."
            ).format(closes=datetime_text(poll.closes_at, language, zone), minimum=poll.min_answers)
        ),
    ]
    return reply


def recorded(poll: Poll, token: str, rating: int, has_comment: bool, language: str, zone: dt.tzinfo) -> Reply:
    """The message after an answer: it replaces the question, so the token stays with its owner only."""
    _ = translator(language)
    note = _("You can change your answer with the buttons until {closes}. It is stored without your name.")
    if has_comment:
        note += " " + _("Your comment is recorded.")
    comment_label = _("Change the comment") if has_comment else _("Add a comment")
    return Reply(
        [
            Section(
                _("Recorded: *{answer}*. Thank you for your feedback!").format(answer=step_label(rating, _))
            ),
            Section(event_line(poll, language)),
            Actions(_buttons(poll.id, token, rating, _)),
            Actions((Button(comment_label, COMMENT_ACTION, f"{poll.id}:{token}"),)),
            Context(note.format(closes=datetime_text(poll.closes_at, language, zone))),
        ]
    )


def _buttons(poll_id: int, token: str, chosen: int | None, _: Gettext) -> tuple[Button, ...]:
    words = scale_words(_)
    return tuple(
        Button(
            f"{rating} {words[rating]}",
            f"{ANSWER_ACTION}{rating}",
            f"{poll_id}:{token}:{rating}",
            rating == chosen,
        )
        for rating in RATINGS
    )
