"""The directory of people and channels: read from Slack at start-up (every page, waiting out rate
limits), kept current by Slack's events and refreshed after a stale person was answered; the bot's answers
and its recipients come from it, never from a Slack call made while answering."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from config.settings import Settings
from devtools.localslack.server import SlackStandIn
from participation.storage.models import ChannelMember, Person, PollRecipient
from tests.conftest import COORDINATOR, SIGNING_SECRET
from tests.support.running import RunningBot, eventually, texts

BIG = "CBIGCHAN1"
CROWD = [f"UCROWD{n:04d}" for n in range(450)]


@pytest.fixture
def crowd_bot(settings: Settings, standin: SlackStandIn) -> Iterator[RunningBot]:
    """A workspace of more than two pages of people, all in one channel with the bot."""
    for number, user in enumerate(CROWD):
        standin.add_user(user, f"Henkilö {number}", locale=("sv-SE" if number % 2 else "fi-FI"))
    standin.channels[BIG] = [*CROWD, standin.bot_user_id]
    standin.fail_next("users.list", 429, retry_after=1)  # Slack is busy at first: the page is asked again
    running = RunningBot.start(settings, standin, SIGNING_SECRET)
    yield running
    running.stop()


def _person(bot: RunningBot, user_id: str) -> Person | None:
    with bot.runtime.db.session() as session:
        person = session.get(Person, user_id)
        if person is not None:
            session.expunge(person)
        return person


def _members(bot: RunningBot, channel: str) -> set[str]:
    with bot.runtime.db.session() as session:
        return set(
            session.scalars(select(ChannelMember.slack_user_id).where(ChannelMember.channel_id == channel))
        )


def _idle(bot: RunningBot) -> None:
    assert bot.runtime.directory is not None
    bot.runtime.directory.wait_idle()


def test_the_start_up_sync_reads_every_page_and_waits_out_a_rate_limit(crowd_bot: RunningBot) -> None:
    standin = crowd_bot.standin
    pages = standin.calls_to("users.list")
    assert len(pages) == 1 + 3  # the refused first try, then 200 + 200 + 55 people
    assert [call.args.get("cursor") for call in pages[:2]] == [None, None]
    assert all(int(call.args["limit"]) == 200 for call in pages)
    assert pages[1].at - pages[0].at >= 0.9  # Retry-After: 1 was honoured
    assert len(standin.calls_to("conversations.members")) >= 3
    with crowd_bot.runtime.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == len(standin.users)
        last = session.get(Person, CROWD[-1])
        assert last is not None and (last.name, last.locale) == ("Henkilö 449", "sv-SE")
        assert last.email == f"{CROWD[-1].lower()}@example.org"
        bot_user = session.get(Person, standin.bot_user_id)
        assert bot_user is not None and bot_user.is_bot
        coordinator = session.get(Person, COORDINATOR)
        assert coordinator is not None and coordinator.coordinator  # a member of the COORDINATORS group
    assert _members(crowd_bot, BIG) == {*CROWD, standin.bot_user_id}


def test_a_failed_sync_leaves_the_directory_as_it_was_without_a_traceback(
    bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.standin.users.pop("UEN00001")
    bot.standin.fail_next("users.list", 500)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert bot.runtime.directory is not None and not bot.runtime.directory.sync_all()
    assert _person(bot, "UEN00001") is not None
    assert "directory sync failed" in caplog.text
    assert all(record.exc_info is None for record in caplog.records)


def test_the_language_comes_from_the_directory_without_asking_slack(bot: RunningBot) -> None:
    bot.standin.clear()
    assert "Jag talar svenska med dig" in texts(bot.reply("USV00001", "lang"))
    assert "Only the coordinators" not in texts(bot.reply(COORDINATOR, "network link osallisuusverkosto"))
    _idle(bot)
    assert bot.standin.calls_to("users.info") == []
    assert bot.standin.calls_to("usergroups.users.list") == []


def test_a_stale_person_is_answered_first_and_refreshed_after(bot: RunningBot) -> None:
    with bot.runtime.db.session() as session:
        person = session.get(Person, "USV00001")
        assert person is not None
        person.synced_at -= dt.timedelta(days=2)
    bot.standin.users["USV00001"]["locale"] = "en-US"
    bot.standin.delay_next("users.info", 1.0)
    before = texts(bot.reply("USV00001", "lang"))
    assert "Jag talar svenska med dig" in before  # the stored language: the answer did not wait for Slack
    [asked] = bot.standin.wait_for("users.info")
    assert asked.args["user"] == "USV00001"
    eventually(lambda: (_person(bot, "USV00001") or Person()).locale == "en-US")
    assert "I speak with you in English" in texts(bot.reply("USV00001", "lang"))


def test_member_and_user_events_update_the_directory(bot: RunningBot) -> None:
    standin = bot.standin
    standin.add_user("UNEW00001", "Uusi Ihminen", locale="sv-SE")
    bot.event({"type": "team_join", "user": standin.users["UNEW00001"]})
    eventually(lambda: (_person(bot, "UNEW00001") or Person()).locale == "sv-SE")

    changed = {**standin.users["UEN00001"], "locale": "fi-FI"}
    bot.event({"type": "user_change", "user": changed})
    eventually(lambda: (_person(bot, "UEN00001") or Person()).locale == "fi-FI")
    assert "Asiointikielesi on suomi" in texts(bot.reply("UEN00001", "lang"))

    standin.channels["CJOINED1"] = ["UFI00001", "USV00001", standin.bot_user_id]
    bot.event({"type": "member_joined_channel", "channel": "CJOINED1", "user": standin.bot_user_id})
    eventually(lambda: _members(bot, "CJOINED1") == {"UFI00001", "USV00001", standin.bot_user_id})

    bot.event({"type": "member_joined_channel", "channel": "CJOINED1", "user": "UNEW00001"})
    eventually(lambda: "UNEW00001" in _members(bot, "CJOINED1"))
    bot.event({"type": "member_left_channel", "channel": "CJOINED1", "user": "UFI00001"})
    eventually(lambda: "UFI00001" not in _members(bot, "CJOINED1"))

    bot.event({"type": "member_left_channel", "channel": "CJOINED1", "user": standin.bot_user_id})
    eventually(lambda: _members(bot, "CJOINED1") == set())


def test_deleted_people_and_bots_are_never_asked(bot: RunningBot) -> None:
    standin = bot.standin
    standin.add_user("UGONE0001", "Lähtenyt Henkilö")
    standin.users["UGONE0001"]["deleted"] = True
    standin.users["UROBOT001"] = {"id": "UROBOT001", "name": "robotti", "is_bot": True, "profile": {}}
    standin.channels["CTRAIN01"] = ["UFI00001", "UGONE0001", "UROBOT001", "USLACKBOT", standin.bot_user_id]
    bot.sync_directory()
    day = (dt.date.today() - dt.timedelta(days=3)).strftime("%d.%m.%Y")
    bot.reply(COORDINATOR, "lang en")
    opened = texts(bot.reply(COORDINATOR, f'poll training "Koulutus" {day} channel=<#CTRAIN01>'))
    assert "1 people were asked" in opened
    refused = texts(bot.reply(COORDINATOR, f'poll training "Koulutus" {day} to=<@UGONE0001>,<@UROBOT001>'))
    assert "I cannot ask <@UGONE0001>, <@UROBOT001>" in refused
    with bot.runtime.db.session() as session:
        assert set(session.scalars(select(PollRecipient.slack_user_id))) == {"UFI00001"}
    assert bot.standin.calls_to("users.info") == []
