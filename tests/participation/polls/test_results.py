"""A closed poll's result: the channel is told the count, the response rate, the average against the
target 4.0, the distribution as bars and the comparison with the network's earlier meetings; below the
minimum of answers, only that there were too few. `poll results` shows the same; the CSV export holds
counts and comments, never a person."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import COORDINATOR
from tests.participation.polls.support import (
    click,
    close_poll,
    hold_meeting,
    open_poll,
    outbox_keys,
    token_of,
    twenty_members,
)
from tests.support.clock import Clock
from tests.support.network import CHANNEL, deliver
from tests.support.running import RunningBot, texts

SPRING = [5, 5, 5, 5, 4, 4, 4, 4, 3, 3]  # ten of twenty answer: average 4.2


def _results_in_channel(bot: RunningBot) -> list[str]:
    return [texts(m) for m in bot.standin.messages(CHANNEL) if "Vastauksia" in texts(m)]


def _answer_all(bot: RunningBot, people: list[str], given: list[int], poll_id: int) -> None:
    for user, rating in zip(people, given, strict=False):
        click(bot, user, rating, f"{poll_id}::{rating}")


@pytest.fixture
def members(network_bot: RunningBot) -> list[str]:
    return twenty_members(network_bot)


def test_the_channel_gets_the_result_once_with_its_figures(
    network_bot: RunningBot, members: list[str], clock: Clock
) -> None:
    hold_meeting(network_bot, clock)
    open_poll(network_bot)
    _answer_all(network_bot, members, SPRING, 1)
    close_poll(network_bot, clock)
    close_poll(network_bot, clock)  # a second close changes and sends nothing
    [result] = _results_in_channel(network_bot)
    assert "Palaute: Kevään kokous" in result
    assert "Vastauksia: 10/20 (50 %)" in result
    assert "Keskiarvo *4,2*: tavoite 4,0 saavutettu ✅" in result
    assert "Tämä on verkoston tapaamisten ensimmäinen kysely." in result
    bars = {line.split()[0]: line for line in result.splitlines() if line[:1].isdigit()}
    assert bars["5"].startswith("5 Erittäin tyytyväinen") and bars["5"].endswith("██████████ 4")
    assert bars["4"].endswith("██████████ 4") and bars["3"].endswith("█████      2")
    assert bars["2"].rstrip().endswith(" 0") and "█" not in bars["2"] and "█" not in bars["1"]
    assert "p1" in result and "UM0" not in result


def test_the_result_compares_with_the_networks_earlier_meetings(
    network_bot: RunningBot, members: list[str], clock: Clock
) -> None:
    hold_meeting(network_bot, clock)
    open_poll(network_bot)
    _answer_all(network_bot, members, SPRING, 1)
    close_poll(network_bot, clock)
    hold_meeting(network_bot, clock, 'meeting new osallisuusverkosto 14.9.2027 13:00-15:00 "Syksyn kokous"')
    open_poll(network_bot, 2)
    _answer_all(network_bot, members, [3, 4, 4], 2)
    close_poll(network_bot, clock, 2)
    autumn = _results_in_channel(network_bot)[-1]
    assert "Vastauksia: 3/20 (15 %)" in autumn
    assert "Keskiarvo *3,67*: alle tavoitteen 4,0 ❌" in autumn
    assert "Verkoston aiemmat tapaamiset: 4,2 (Kevään kokous, 16.3.2027)" in autumn
    assert "Muutos edelliseen tapaamiseen: −0,53" in autumn


def test_below_the_minimum_only_the_count_is_shown_anywhere(
    network_bot: RunningBot, members: list[str], clock: Clock
) -> None:
    hold_meeting(network_bot, clock)
    open_poll(network_bot)
    _answer_all(network_bot, members, [1, 5], 1)
    close_poll(network_bot, clock)
    [result] = _results_in_channel(network_bot)
    assert "Vastauksia: 2/20 (10 %)" in result
    assert "Liian vähän vastauksia näytettäväksi: tarvitaan vähintään 3" in result
    assert "Keskiarvo" not in result and "█" not in result
    network_bot.reply(COORDINATOR, "lang en")
    shown = texts(network_bot.reply(COORDINATOR, "poll results 1"))
    assert "Too few answers to show" in shown and "Average" not in shown
    refused = texts(network_bot.reply(COORDINATOR, "poll export p1"))
    assert "Too few answers to export: at least 3 are needed." in refused
    assert outbox_keys(network_bot, "poll-export:") == []


def test_results_stay_hidden_while_the_poll_is_open(
    network_bot: RunningBot, members: list[str], clock: Clock
) -> None:
    hold_meeting(network_bot, clock)
    open_poll(network_bot)
    _answer_all(network_bot, members, SPRING, 1)
    network_bot.reply("UEN00001", "lang en")
    for text in ("poll results 1", "poll results p1"):
        shown = texts(network_bot.reply("UEN00001", text))
        assert "The poll on Kevään kokous is open until 23.3.2027 15:30" in shown
        assert "Average" not in shown and "Answers" not in shown
    assert "Kevään kokous" in texts(network_bot.reply("UEN00001", "poll list"))
    assert "open until 23.3.2027 15:30" in texts(network_bot.reply("UEN00001", "poll list"))


def test_poll_results_shows_a_closed_poll_in_the_askers_language(
    network_bot: RunningBot, members: list[str], clock: Clock
) -> None:
    hold_meeting(network_bot, clock)
    open_poll(network_bot)
    _answer_all(network_bot, members, SPRING, 1)
    close_poll(network_bot, clock)
    for text in ("poll results 1", "poll results p1", "poll results P1"):
        shown = texts(network_bot.reply("USV00001", text))
        assert "Respons: Kevään kokous" in shown and "Svar: 10 av 20 (50 %)" in shown
        assert "Medelvärde *4,2*: målet 4,0 är uppnått ✅" in shown
    network_bot.reply("UEN00001", "lang en")
    assert "closed" in texts(network_bot.reply("UEN00001", "poll list"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("poll results 7", "Meeting 7 has no poll. A meeting's poll is sent 30 minutes after it ends."),
        ("poll results p7", "There is no poll p7."),
        ("poll results kokous", "'kokous' is neither a meeting number (12) nor a poll (p5)."),
        ("poll results", "Name one poll"),
        ("poll results 1 2", "Name one poll"),
        ("poll frobnicate", "Use: `/osallisuus poll training"),
        ("poll export p1", "Only the coordinators can do that"),
    ],
)
def test_bad_poll_commands_are_refused(network_bot: RunningBot, text: str, expected: str) -> None:
    network_bot.reply("UEN00001", "lang en")
    assert expected in texts(network_bot.reply("UEN00001", text))


def test_a_coordinator_exports_counts_and_comments_as_csv_without_identities(
    network_bot: RunningBot, members: list[str], clock: Clock
) -> None:
    hold_meeting(network_bot, clock)
    open_poll(network_bot)
    tokens = [
        token_of(click(network_bot, user, rating, f"1::{rating}"))
        for user, rating in zip(members, SPRING, strict=False)
    ]
    for user, token, comment in zip(
        members, tokens, ("Hyvä, selkeä", 'Sanoin "kiitos"', "   ", '=HYPERLINK("http://x")'), strict=False
    ):
        view = {"type": "modal", "callback_id": "poll_comment_form", "private_metadata": f"1:{token}::"}
        network_bot.submit(user, view, {"comment": {"type": "plain_text_input", "value": comment}})
    network_bot.reply(COORDINATOR, "lang en")
    assert "is open until" in texts(network_bot.reply(COORDINATOR, "poll export p1"))
    assert outbox_keys(network_bot, "poll-export:") == []
    close_poll(network_bot, clock)
    assert "on its way to you as a direct message" in texts(network_bot.reply(COORDINATOR, "poll export 1"))
    deliver(network_bot)
    [upload] = [
        call
        for call in network_bot.standin.calls_to("files.completeUploadExternal")
        if call.args["channel_id"] == f"D{COORDINATOR}"
    ]
    files = upload.args["files"]
    file_id = (json.loads(files) if isinstance(files, str) else files)[0]["id"]
    data = network_bot.standin.uploaded(file_id)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["poll", "title", "date", "answers", "asked", "average"]
    assert rows[1] == ["p1", "Kevään kokous", "2027-03-16", "10", "20", "4.20"]
    assert rows[3:9] == [
        ["rating", "meaning", "answers"],
        ["1", "Very dissatisfied", "0"],
        ["2", "Dissatisfied", "0"],
        ["3", "Neither satisfied nor dissatisfied", "2"],
        ["4", "Satisfied", "4"],
        ["5", "Very satisfied", "4"],
    ]
    assert rows[10] == ["comments"]
    assert sorted(row[0] for row in rows[11:]) == [
        '\'=HYPERLINK("http://x")',  # a formula typed as a comment stays text in a spreadsheet
        "Hyvä, selkeä",
        'Sanoin "kiitos"',
    ]
    assert not any(user in data.decode("utf-8-sig") for user in members)
