"""Bad input never raises, end to end through signed Slack requests.

Hypothesis writes `/osallisuus` commands from the real subcommands with hostile arguments (numbers too
large for any column, negative ones, digits that are not ASCII, impossible dates and times, control
characters, line breaks, very long texts), clicks the bot's real buttons with hostile values, and submits
its real forms with hostile fields and hidden metadata. Every example holds at least one value that must
be refused, so for each: no error in the log (no traceback, no apology), an answer in the person's own
language (a Swedish coordinator and a Finnish member, from their Slack locales), and no row written
(the outbox, which carries the answer itself, and the replay guard's record of the request aside).
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pytest
import requests
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from config.settings import Settings
from devtools.localslack.server import SlackStandIn
from participation.i18n import catalogue_path, translator
from participation.storage.models import Base, NetworkRecord
from tests.conftest import SIGNING_SECRET
from tests.support.clock import Clock, helsinki
from tests.support.network import CHANNEL, MEMBERS, deliver
from tests.support.running import RunningBot

SWEDISH_COORDINATOR = "USVKOORD1"
PEOPLE = {SWEDISH_COORDINATOR: "sv", "UFI00001": "fi"}  # a coordinator and a member, each in their language
# The answer to a form after its acknowledgement travels through the outbox; every signed request leaves
# its replay-guard row (bot/replay.py), on SQLite written after the ack.
UNCOUNTED = {"outbox", "seen_requests"}
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

HUGE = st.integers(2**31, 10**40).map(str)
NEGATIVE = st.integers(-(10**30), -1).map(str)
ODD = st.sampled_from(["²", "١٢", "1e999", "nan", "inf", "-0", "+5", "9" * 400, "0x10", "1_000"])
BAD_NUMBER = HUGE | NEGATIVE | ODD
BAD_ID = BAD_NUMBER | st.sampled_from(["0", "#0", "#99999999999999999999", "p99999999999999999999", "p-1"])
IMPOSSIBLE = ["2026-02-30", "30.2.2026", "29.2.2027", "31.4.2027", "0.1.2027", "1.13.2027", "2027-3-16x"]
OUT_OF_RANGE = ["9999-12-31", "31.12.9999", "0001-01-01", "1.1.0", "99.99.99999", "١٦.٣.٢٠٢٧"]
BAD_DATE = st.sampled_from([*IMPOSSIBLE, *OUT_OF_RANGE])
BAD_TIME = st.sampled_from(["25:00", "24:00", "13:60", "99999999999999999999:00", "-1:00", "13.5", "²:00"])
# Free text around the bad value: any character (no quote or `=`, which would change the command's
# words), line breaks and control characters, and some very long.
FREE = st.text(st.characters(blacklist_characters='"=“”„«»', blacklist_categories=("Cs",)), max_size=30)
TEXT = FREE | st.sampled_from(["x" * 3000, "\n\n", "\x00\x07\x1b", "\u202e\u200b", "😀" * 200])
LONG = st.sampled_from(["x" * 5000, "Kevät " * 900, "å\n" * 2600])  # past every field's length
WORDS = TEXT.filter(bool)  # in place of an id: an empty one is no id given, which a form may well allow

COMMANDS: list[tuple[str, st.SearchStrategy[str]]] = [
    ("status {b}", BAD_NUMBER),
    ("status 2 {b}", BAD_ID),
    ("status {b} 2024", BAD_ID),
    ("mine {b}", BAD_ID),
    ("notes {b}", BAD_ID),
    ("meeting show {b}", BAD_ID),
    ("meeting move {b} 17.3.2027 9:30", BAD_ID),
    ("meeting move 1 {b} 9:30", BAD_DATE),
    ("meeting move 1 17.3.2027 {b}", BAD_TIME),
    ("meeting cancel {b}", BAD_ID),
    ('meeting new osallisuusverkosto {b} 13:00-15:00 "{t}"', BAD_DATE),
    ('meeting new osallisuusverkosto 16.3.2027 {b} "{t}" place="{t}"', BAD_TIME),
    ("meetings plan osallisuusverkosto {b}", BAD_ID),
    ("poll results {b}", BAD_ID),
    ("poll export {b}", BAD_ID),
    ('poll training "{t}" {b} to=<@UFI00001|aino>', BAD_DATE),
    ('confirm website-analytics {b} "{t}"', HUGE | st.sampled_from(["nan", "inf", "1e999", "²"])),
    ('confirm website-analytics 1200 "{t}" year={b}', BAD_ID),
    ('comment network-meetings "{t}" year={b}', BAD_ID),
    ('note 3 "{t}" year={b}', BAD_ID),
    ('note 3 "{t}" priority={b}', BAD_ID),
    ('note {b} "{t}"', BAD_ID),
    ("note edit {b}", BAD_ID),
    ('note edit {b} "{t}"', BAD_ID),
    ("report {b}", BAD_ID),
    ("owner {b} <@UFI00001|aino>", BAD_ID),
    ("lang {b}", BAD_NUMBER),
    ("network guest add osallisuusverkosto {b} fi {t}", BAD_NUMBER),
    ('network guest add osallisuusverkosto g@example.org fi "{b}"', LONG),
    ('meeting new osallisuusverkosto 16.3.2027 13:00 "{b}"', LONG),
    ('meeting new osallisuusverkosto 16.3.2027 13:00 "{t}" place="{b}"', LONG),
    ('meeting new osallisuusverkosto 16.3.2027 13:00 "{t}" agenda="{b}"', LONG),
    ('note 3 "{b}"', LONG),
    ('comment network-meetings "{b}"', LONG),
    ('confirm website-analytics 1200 "{b}"', LONG),
    ('poll training "{b}" 1.1.2025 to=<@UFI00001|aino>', LONG),
]
# Each button's action id, with the shape of its value around the bad part.
CLICKS: list[tuple[str, str, st.SearchStrategy[str]]] = [
    ("status_priority", "{b}:2024", BAD_ID),
    ("status_priority", "2:{b}", BAD_ID),
    ("status_overview", "{b}", BAD_ID),
    ("meeting_rsvp_yes", "{b}", BAD_ID),
    ("meeting_rsvp_no", "{b}", BAD_ID),
    ("poll_answer_4", "{b}::4", BAD_ID),
    ("poll_comment", "{b}", BAD_ID | WORDS),
    ("confirm_open", "{b}:2024", BAD_ID),
    ("confirm_open", "website-analytics:{b}", BAD_ID),
    ("confirm_yes", "website-analytics:{b}", BAD_ID),
    ("confirm_yes", "{b}:2024", BAD_ID),
]
GOOD = {
    "network": "osallisuusverkosto",
    "title": "Kevät",
    "date": "2027-03-16",
    "date0": "2027-03-16",
    "start": "13:00",
    "end": "14:00",
    "meeting": "1",
    "indicator": "website-analytics",
    "year": "2024",
    "value": "1300",
    "evidence": "Raportti",
    "section": "older_people",
    "priority": "none",
    "text": "Nosto",
    "comment": "Hyvä",
    "place": "Sali",
    "link": "https://example.org/m",
    "agenda": "Asiat",
}
# Each form's callback id, its fields, its metadata, and which part is bad: a field or the metadata.
FORMS: list[tuple[str, tuple[str, ...], str, str, st.SearchStrategy[str]]] = [
    ("meeting_new", ("network", "title", "date", "start", "end"), "", "date", BAD_DATE),
    ("meeting_new", ("network", "title", "date", "start", "end"), "", "start", BAD_TIME),
    ("meeting_new", ("network", "title", "date", "start", "end"), "", "title", LONG),
    ("meeting_new", ("network", "title", "date", "start", "end", "place"), "", "place", LONG),
    ("meeting_new", ("network", "title", "date", "start", "end", "link"), "", "link", LONG),
    ("meeting_new", ("network", "title", "date", "start", "end", "agenda"), "", "agenda", LONG),
    ("meetings_plan", ("title", "start", "end", "date0"), "osallisuusverkosto:2027", "title", LONG),
    ("meetings_plan", ("title", "start", "end", "date0", "place"), "osallisuusverkosto:2027", "place", LONG),
    ("meeting_move", ("date", "start", "end"), "1", "date", BAD_DATE),
    ("meeting_move", ("date", "start", "end"), "{b}", "metadata", BAD_ID | WORDS),
    ("meeting_cancel", ("meeting",), "", "meeting", BAD_ID),
    ("meetings_plan", ("title", "start", "end", "date0"), "osallisuusverkosto:{b}", "metadata", BAD_ID),
    ("meetings_plan", ("title", "start", "end", "date0"), "osallisuusverkosto:2027", "date0", BAD_DATE),
    ("confirm_choose", ("indicator",), "", "indicator", BAD_ID | WORDS),
    ("confirm_value", ("year", "value", "evidence"), "website-analytics", "year", BAD_ID),
    ("confirm_value", ("year", "value", "evidence"), "website-analytics", "value", HUGE),
    ("confirm_value", ("year", "value", "evidence"), "{b}", "metadata", BAD_ID | WORDS),
    ("confirm_value", ("year", "value", "evidence"), "website-analytics", "evidence", LONG),
    ("confirm_value", ("year", "value", "evidence", "comment"), "website-analytics", "comment", LONG),
    ("highlight_note", ("year", "section", "priority", "text"), "", "text", LONG),
    ("highlight_note", ("year", "section", "priority", "text"), "", "year", BAD_ID),
    ("highlight_note", ("year", "section", "priority", "text"), "", "priority", BAD_ID),
    ("highlight_note", ("year", "section", "priority", "text"), "{b}", "metadata", BAD_ID | WORDS),
    ("poll_comment_form", ("comment",), "{b}", "metadata", BAD_ID | WORDS),
]


@pytest.fixture
def fuzz_bot(settings: Settings, standin: SlackStandIn) -> Iterator[RunningBot]:
    """Early January 2025, the network linked, a Swedish-speaking coordinator, one meeting (#1)."""
    standin.add_user(SWEDISH_COORDINATOR, "Stina Samordnare", locale="sv-SE")
    standin.usergroups["SCOORDS1"].append(SWEDISH_COORDINATOR)
    standin.channels[CHANNEL] = [*MEMBERS, SWEDISH_COORDINATOR, standin.bot_user_id]
    running = RunningBot.start(settings, standin, SIGNING_SECRET, now=Clock(helsinki(2025, 1, 2, 10)))
    with running.runtime.db.session() as session:
        record = session.get(NetworkRecord, "osallisuusverkosto")
        assert record is not None
        record.channel_id = CHANNEL
    running.command(SWEDISH_COORDINATOR, 'meeting new osallisuusverkosto 20.1.2025 13:00-14:00 "Möte"')
    deliver(running)
    yield running
    running.stop()


@st.composite
def commands(draw: st.DrawFn) -> str:
    template, bad = draw(st.sampled_from(COMMANDS))
    return template.format(b=draw(bad), t=draw(TEXT))


@st.composite
def clicks(draw: st.DrawFn) -> tuple[str, str]:
    action_id, shape, bad = draw(st.sampled_from(CLICKS))
    return action_id, shape.format(b=draw(bad))


@st.composite
def forms(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    callback_id, fields, metadata, bad_part, bad = draw(st.sampled_from(FORMS))
    value = draw(bad)
    values = {field: GOOD[field] for field in fields}
    if bad_part != "metadata":
        values[bad_part] = value
    view = {
        "type": "modal",
        "id": f"VFUZZ{next(_VIEWS)}",
        "callback_id": callback_id,
        "private_metadata": metadata.format(b=value),
        "title": {"type": "plain_text", "text": "Form"},
        "blocks": [],
    }
    return view, {field: {"type": "plain_text_input", "value": text} for field, text in values.items()}


_VIEWS = itertools.count(1)


@FUZZ
@given(text=commands(), user=st.sampled_from(sorted(PEOPLE)))
def test_hostile_commands_are_refused_in_the_users_language(
    fuzz_bot: RunningBot, caplog: pytest.LogCaptureFixture, text: str, user: str
) -> None:
    _assert_refused(fuzz_bot, caplog, user, lambda: fuzz_bot.command(user, text))


@FUZZ
@given(click=clicks(), user=st.sampled_from(sorted(PEOPLE)))
def test_hostile_button_values_are_refused_in_the_users_language(
    fuzz_bot: RunningBot, caplog: pytest.LogCaptureFixture, click: tuple[str, str], user: str
) -> None:
    _assert_refused(fuzz_bot, caplog, user, lambda: fuzz_bot.click(user, *click))


@FUZZ
@given(form=forms(), user=st.sampled_from(sorted(PEOPLE)))
def test_hostile_form_fields_are_refused_in_the_users_language(
    fuzz_bot: RunningBot,
    caplog: pytest.LogCaptureFixture,
    form: tuple[dict[str, Any], dict[str, Any]],
    user: str,
) -> None:
    _assert_refused(fuzz_bot, caplog, user, lambda: fuzz_bot.submit(user, *form))


def _assert_refused(
    bot: RunningBot, caplog: pytest.LogCaptureFixture, user: str, send: Callable[[], requests.Response]
) -> None:
    """Send the request and check what came of it: an answer in the person's language, and no change."""
    caplog.set_level(logging.ERROR)
    caplog.clear()
    before, start = _rows(bot), len(bot.standin.calls)
    response = send()
    assert response.status_code == 200, response.text
    deliver(bot)  # a form's outcome after its acknowledgement is a direct message
    said = "\n".join(
        [
            _strings(response.text),
            *(_strings(c.args) for c in bot.standin.calls[start:]),
        ]
    )
    language = PEOPLE[user]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert "Traceback" not in said
    assert translator(language)(_APOLOGY) not in said
    assert said.strip(), "no answer at all"
    assert [f for f in _english(language) if f in said] == [], said
    assert _rows(bot) == before


_APOLOGY = "Something went wrong on my side and nothing was changed. Please try again in a moment."


def _rows(bot: RunningBot) -> dict[str, int]:
    with bot.runtime.db.session() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
            if table.name not in UNCOUNTED
        }


def _strings(node: Any) -> str:
    """Every text in an answer or a Slack call, however deeply its JSON is nested."""
    if isinstance(node, str):
        try:
            decoded = json.loads(node) if node[:1] in {"{", "["} else None
        except ValueError:
            decoded = None
        return node if decoded is None else _strings(decoded)
    if isinstance(node, dict):
        return "\n".join(_strings(value) for value in node.values())
    if isinstance(node, list):
        return "\n".join(_strings(item) for item in node)
    return ""


@cache
def _english(language: str) -> tuple[str, ...]:
    """Pieces of English sentences that the catalogue of `language` translates: none may reach a person
    who reads that language (placeholders, code and markup cut out, long enough to be telling)."""
    with catalogue_path(language).open("rb") as po:
        catalog = read_po(po, locale=language)
    pieces: set[str] = set()
    for message in catalog:
        if not isinstance(message.id, str) or not message.id or not isinstance(message.string, str):
            continue
        for piece in re.split(r"\{[^}]*\}|`[^`]*`|[*_~<>\n]", message.id):
            piece = piece.strip(" .,:;()!?'")
            if len(piece) >= 24 and piece.count(" ") >= 3 and piece not in message.string:
                pieces.add(piece)
    return tuple(sorted(pieces))
