"""`/osallisuus poll training`: a coordinator asks named people or a channel's members about a training;
each gets the question in their language, the result goes to the coordinator or the channel, and the
poll counts for the training satisfaction indicator."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from participation.storage.models import AuditEntry, OutboxItem, Poll, PollRecipient
from tests.conftest import COORDINATOR
from tests.participation.polls.support import click, close_poll, count, outbox_keys, poll_messages
from tests.support.clock import Clock
from tests.support.network import CHANNEL, deliver
from tests.support.running import RunningBot, texts

TO = 'poll training "Osallisuuden perusteet" 8.1.2027 to=<@UFI00001|aino>,<@USV00001|sven> <@UEN00001|emma>'


def test_a_coordinator_asks_named_people_and_gets_the_result(network_bot: RunningBot, clock: Clock) -> None:
    network_bot.reply(COORDINATOR, "lang en")
    shown = texts(network_bot.reply(COORDINATOR, TO))
    assert "Poll p1 is open: 3 people were asked about the training Osallisuuden perusteet" in shown
    assert "It closes on 18.1.2027 10:00; the result then goes to you, as a direct message." in shown
    deliver(network_bot)
    questions = {
        "UFI00001": "Kuinka tyytyväinen olit tähän koulutukseen?",
        "USV00001": "Hur nöjd var du med den här utbildningen?",
        "UEN00001": "How satisfied were you with this training?",
    }
    for user, question in questions.items():
        [message] = poll_messages(network_bot, user)
        assert question in texts(message) and "*Osallisuuden perusteet* · 8.1.2027" in texts(message)
    assert poll_messages(network_bot, COORDINATOR) == []
    with network_bot.runtime.db.session() as session:
        poll = session.get(Poll, 1)
        assert poll is not None and (poll.kind, poll.meeting_id, poll.network_id) == ("training", None, None)
        assert poll.result_channel == COORDINATOR and poll.created_by == COORDINATOR
        assert session.scalar(select(AuditEntry.action).where(AuditEntry.entity == "poll:1")) == "poll.open"
    for user, rating in (("UFI00001", 5), ("USV00001", 4), ("UEN00001", 3)):
        click(network_bot, user, rating)
    close_poll(network_bot, clock)
    [result] = [m for m in network_bot.standin.messages(f"D{COORDINATOR}") if "Feedback:" in texts(m)]
    assert "Answers: 3 of 3 (100 %)" in texts(result) and "Average *4.0*: the target 4.0 is met ✅" in texts(
        result
    )
    assert "earlier meetings" not in texts(result).lower()


def test_a_channels_members_are_asked_and_the_channel_gets_the_result(
    network_bot: RunningBot, clock: Clock
) -> None:
    shown = texts(
        network_bot.reply(COORDINATOR, f'poll training "Koulutus" 2027-01-11 channel=<#{CHANNEL}|verkosto>')
    )
    assert "p1" in shown and f"<#{CHANNEL}>" in shown
    assert outbox_keys(network_bot, "poll-ask:") == [
        f"poll-ask:1:{user}" for user in ("UCOORD01", "UEN00001", "UFI00001", "USV00001")
    ]
    for user, rating in (("UFI00001", 2), ("USV00001", 3), ("UEN00001", 3), ("UCOORD01", 4)):
        click(network_bot, user, rating)
    close_poll(network_bot, clock)
    [result] = [m for m in network_bot.standin.messages(CHANNEL) if "Palaute: Koulutus" in texts(m)]
    assert "Vastauksia: 4/4 (100 %)" in texts(result) and "Keskiarvo *3,0*: alle tavoitteen 4,0 ❌" in texts(
        result
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('poll training "K" 9.1.2027 to=<@UFI00001|a>', "Only the coordinators can do that"),
    ],
)
def test_only_coordinators_open_training_polls(network_bot: RunningBot, text: str, expected: str) -> None:
    network_bot.reply("UEN00001", "lang en")
    assert expected in texts(network_bot.reply("UEN00001", text))
    assert count(network_bot, Poll) == 0 and count(network_bot, OutboxItem) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('poll training "K" 12.1.2027 to=<@UFI00001|a>', "is in the future"),
        ('poll training "K" 31.2.2027 to=<@UFI00001|a>', "is not a date"),
        ('poll training "K" 8.1.2027', "Say who to ask"),
        ("poll training", "needs the training's name and date"),
        ('poll training "" 8.1.2027 to=<@UFI00001|a>', "must have 1 to 150 characters"),
        ('poll training "K" 8.1.2027 to=@aino', "I could not read '@aino' as a person"),
        ('poll training "K" 8.1.2027 to=<@UNOBODY01|x>', "I cannot ask <@UNOBODY01>"),
        ('poll training "K" 8.1.2027 to=<@UBOTLOCAL|bot>', "I cannot ask <@UBOTLOCAL>"),
        ('poll training "K" 8.1.2027 channel=koulutus', "I could not read 'koulutus' as a channel"),
        (
            'poll training "K" 8.1.2027 channel=<#CNOTHERE1|x>',
            "I am not a member of the channel <#CNOTHERE1>",
        ),
        ('poll training "K" 8.1.2027 to=<@UFI00001|a> colour=red', "I do not know the option 'colour'"),
    ],
)
def test_bad_training_polls_are_refused_and_nothing_is_written(
    network_bot: RunningBot, text: str, expected: str
) -> None:
    network_bot.reply(COORDINATOR, "lang en")
    assert expected in texts(network_bot.reply(COORDINATOR, text))
    assert count(network_bot, Poll) == 0 and count(network_bot, PollRecipient) == 0
    assert count(network_bot, OutboxItem) == 0
