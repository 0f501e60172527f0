"""Typed text never pings and never breaks a message, end to end through signed Slack requests.

Hypothesis writes text mixing Slack's mention syntax, links, entities, markup, line breaks and control
characters into every free-text field, on one line (as Slack sends a slash command, escaped) and in the
forms (as typed). Whatever is stored, shown back, announced or sent as a direct message afterwards, no
special mention and no user mention the bot did not make reaches the Slack stand-in; a one-line field
refuses a line break in Finnish, the coordinator's language; and nothing is ever a traceback.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from config.settings import Settings
from devtools.localslack.server import SlackStandIn
from participation.i18n import translator
from participation.meetings.texts import network_name
from participation.messages import plain
from participation.storage.models import Meeting, NetworkRecord, Poll
from participation.text import breaks_line
from participation.workdays import working_days_after
from tests.conftest import COORDINATOR, SIGNING_SECRET, USERS
from tests.participation.polls.support import hold_meeting, open_poll
from tests.support.clock import Clock, helsinki
from tests.support.leaks import call_texts, leaks, marked_up
from tests.support.network import CHANNEL, MEMBERS, deliver
from tests.support.running import RunningBot, is_working, texts

fi = translator("fi")
APOLOGY = fi("Something went wrong on my side and nothing was changed. Please try again in a moment.")
ONE_LINE = fi("{field}: write it on one line, without line breaks or control characters.")
MADE_BY_BOT = {*USERS, "UBOTLOCAL"}

# What a person can type, and Slack's own syntax: mentions picked from the menu, links, entities.
TYPED = ["<!channel>", "<!here>", "<!everyone>", "<!subteam^S1|@x>", "<@U123>", "<https://x|y>", "&", "&amp;"]
TYPED += ["<", ">", "*", "_", "~", "`", "'", " ", "\n", "\r\n", "\t", "\x00", "\x07", "\x1b", "\x7f"]
TYPED += ["\u200b", "\u200e", "\u2028", "\u2029", "\ue000@U123\ue001", "\ue002"]
SLACK_SYNTAX = ["<!channel>", "<!here>", "<!everyone>", "<!subteam^S1|@x>", "<@U123|aino>", "<https://x|y>"]
LETTERS = st.text(alphabet="abcäöåXYZ0", min_size=1, max_size=6)


@st.composite
def typed_text(draw: st.DrawFn) -> tuple[str, str]:
    """(what the person typed, what Slack sends of it in a slash command's text)."""
    typed, wire = ["Kevät "], ["Kevät "]
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()):
            piece = draw(st.sampled_from(SLACK_SYNTAX))
            typed.append(piece)
            wire.append(piece)
        else:
            piece = draw(st.sampled_from(TYPED) | LETTERS)
            typed.append(piece)
            wire.append(html.escape(piece, quote=False))
    return "".join(typed), "".join(wire)


@pytest.fixture
def text_bot(settings: Settings, standin: SlackStandIn) -> Iterator[RunningBot]:
    """The bot in early January 2025 (the report for 2024 is being made), both networks linked."""
    standin.channels[CHANNEL] = [*MEMBERS, standin.bot_user_id]
    running = RunningBot.start(settings, standin, SIGNING_SECRET, now=Clock(helsinki(2025, 1, 2, 10)))
    with running.runtime.db.session() as session:
        record = session.get(NetworkRecord, "osallisuusverkosto")
        assert record is not None
        record.channel_id = CHANNEL
    yield running
    running.stop()


class Session:
    """One person's requests in one example, with every answer kept to be searched afterwards."""

    def __init__(self, bot: RunningBot, number: int) -> None:
        self.bot, self.number = bot, number
        self.answers: list[Any] = []
        self.start = len(bot.standin.calls)

    def say(self, text: str, user: str = COORDINATOR) -> str:
        """The answer as the person sees it: the acknowledgement, or what replaced its "working on it"."""
        before = len(self.bot.standin.calls_to("response_url"))
        response = self.bot.command(user, text)
        assert response.status_code == 200, response.text
        answer = response.json() if response.text else {}  # a form opens with an empty acknowledgement
        self.answers.append(answer)
        if is_working(answer):
            answer = dict(self.bot.standin.calls_to("response_url")[before].args)
        return "\n".join(marked_up(answer))

    def view(self, command: str) -> dict[str, Any]:
        opened = len(self.bot.standin.calls_to("views.open"))
        self.say(command)
        view = self.bot.standin.wait_for("views.open", opened + 1)[opened].args["view"]
        return json.loads(view) if isinstance(view, str) else dict(view)

    def submit(self, view: dict[str, Any], values: dict[str, Any], user: str = COORDINATOR) -> Any:
        unique = {**view, "id": f"V{self.number}{view['callback_id']}"}
        response = self.bot.submit(user, unique, values)
        assert response.status_code == 200, response.text
        answer = response.json() if response.text else {}
        self.answers.append(answer)
        return answer

    def click(self, user: str, action_id: str, value: str) -> dict[str, Any]:
        before = len(self.bot.standin.calls_to("response_url"))
        assert self.bot.click(user, action_id, value).status_code == 200
        return dict(self.bot.standin.wait_for("response_url", before + 1)[before].args)

    def sent(self) -> list[str]:
        deliver(self.bot)
        return [*call_texts(self.bot.standin.calls[self.start :]), *marked_up(self.answers)]


def _text(value: str) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def _select(value: str) -> dict[str, Any]:
    return {"type": "static_select", "selected_option": {"value": value}}


def _one_line(typed: str) -> bool:
    """Whether a one-line field holding `typed` is accepted: what the bot stores is stripped and has lost
    the NUL and the reference markers."""
    return not breaks_line(plain(typed).strip())


def _meetings(session: Session, typed: str, wire: str) -> None:
    # A working day: a weekend or a holiday is warned about first (commands/meeting_days.py).
    day = working_days_after(dt.date(2025, 1, 9), session.number + 1)
    answer = session.say(
        f'meeting new osallisuusverkosto {day:%d.%m.%Y} 13:00-14:00 "{wire}" place="{wire}" agenda="{wire}"'
    )
    if _one_line(typed):
        assert fi("Meeting #{id} created. Invitations are on their way.").split("#")[0] in answer
    else:
        assert ONE_LINE.format(field=fi("Title")) in answer
    form = session.view("meeting new")
    values = {
        "network": _select("osallisuusverkosto"),
        "title": _text(typed),
        "date": {"type": "datepicker", "selected_date": day.isoformat()},
        "start": {"type": "timepicker", "selected_time": "15:00"},
        "end": {"type": "timepicker", "selected_time": "16:00"},
        "place": _text(typed),
        "agenda": {"type": "plain_text_input", "value": typed},
    }
    refused = session.submit(form, values)
    if _one_line(typed):
        assert refused == {}, refused
    else:
        assert refused["errors"] == {
            "title": ONE_LINE.format(field=fi("Title")),
            "place": ONE_LINE.format(field=fi("Place")),
        }
    session.say("meeting list")


def _guest(session: Session, typed: str, wire: str) -> None:
    address = f"g{session.number}@example.org"
    answer = session.say(f'network guest add osallisuusverkosto {address} fi "{wire}"')
    expected = fi("{address} will be invited to the meetings of {network}.").format(
        address=address, network=network_name("osallisuusverkosto", "fi")
    )
    if _one_line(typed):
        assert expected in answer, answer
    else:
        assert ONE_LINE.format(field=fi("The guest's name")) in answer


def _notes_and_confirmations(session: Session, typed: str, wire: str) -> None:
    session.say(f'note 3 "{wire}"')
    form = session.view("note")
    values = {"year": _select("2024"), "section": _select("older_people"), "priority": _select("none")}
    assert session.submit(form, {**values, "text": _text(typed)}) == {}
    session.say(f'confirm website-analytics 1200 "{wire}" comment="{wire}"')
    form = session.view("confirm website-analytics")
    values = {
        "year": _select("2024"),
        "value": {"type": "number_input", "value": "1300"},
        "comment": _text(typed),
        "evidence": _text(typed),
    }
    session.submit(form, values)
    session.say(f'comment network-meetings "{wire}"')
    session.say("notes")
    session.say("history website-analytics")
    session.say("history network-meetings")


def _training_poll(session: Session, typed: str, wire: str) -> None:
    answer = session.say(f'poll training "{wire}" 1.1.2025 to=<@UFI00001|aino>')
    if not _one_line(typed):
        assert ONE_LINE.format(field=fi("The training's name")) in answer
        return
    with session.bot.runtime.db.session() as db:
        poll_id = db.scalar(select(func.max(Poll.id)))
    recorded = session.click("UFI00001", "poll_answer_4", f"{poll_id}::4")
    session.answers.append(recorded)
    comment = next(e for e in _elements(recorded) if e["action_id"] == "poll_comment")
    opened = len(session.bot.standin.calls_to("views.open"))
    assert session.bot.click("UFI00001", "poll_comment", comment["value"]).status_code == 200
    view = session.bot.standin.wait_for("views.open", opened + 1)[opened].args["view"]
    form = json.loads(view) if isinstance(view, str) else dict(view)
    assert session.submit(form, {"comment": _text(typed)}, user="UFI00001") == {}


def _elements(message: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = message.get("blocks") or []
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=typed_text())
def test_typed_text_in_every_field_never_pings_and_every_refusal_is_a_message(
    text_bot: RunningBot, caplog: pytest.LogCaptureFixture, text: tuple[str, str]
) -> None:
    caplog.set_level(logging.ERROR)
    typed, wire = text
    session = Session(text_bot, next(_EXAMPLES))
    _meetings(session, typed, wire)
    _guest(session, typed, wire)
    _notes_and_confirmations(session, typed, wire)
    _training_poll(session, typed, wire)
    sent = session.sent()
    assert leaks(sent, MADE_BY_BOT) == []
    assert not [text for text in sent if APOLOGY in text]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


_EXAMPLES = itertools.count(1)


def test_a_meeting_titled_channel_is_announced_and_polled_without_pinging_anyone(
    network_bot: RunningBot, clock: Clock
) -> None:
    """The case measured on main: `<!channel> Kevät` typed (Slack escapes it) and `@channel` picked from
    the menu (Slack sends `<!channel>`), with `<!here>` as the place, pinged the channel twice."""
    typed = 'meeting new osallisuusverkosto 16.3.2027 13:00-15:00 "&lt;!channel&gt; Kevät <!channel>"'
    meeting_id = hold_meeting(network_bot, clock, f"{typed} place=<!here> agenda=&lt;!everyone&gt;")
    with network_bot.runtime.db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        assert (meeting.title, meeting.place) == ("<!channel> Kevät <!channel>", "<!here>")
    deliver(network_bot)
    open_poll(network_bot, meeting_id)
    [announcement] = network_bot.standin.messages(CHANNEL)
    assert "*&lt;!channel&gt; Kevät &lt;!channel&gt;*" in texts(announcement)
    assert "&lt;!here&gt;" in texts(announcement)
    assert announcement["text"] == fi("New network meeting")
    asked = [c for c in network_bot.standin.calls_to("chat.postMessage") if c.args["channel"].startswith("U")]
    assert {c.args["channel"] for c in asked} == set(MEMBERS)  # a direct message is posted to the person
    assert all("&lt;!channel&gt; Kevät &lt;!channel&gt;" in texts(c.args) for c in asked)
    assert leaks(call_texts(network_bot.standin.calls), MADE_BY_BOT) == []
