"""`/osallisuus status` through signed HTTP requests, in the three languages, within Slack's limits."""

from __future__ import annotations

import json

import pytest

from bot.blocks import MAX_BLOCKS, MAX_SECTION
from commands.ids import PRIORITY_ACTION
from participation.storage.models import Confirmation, IndicatorOwner, IndicatorRecord, UserPreference
from tests.conftest import COORDINATOR
from tests.support.running import RunningBot, texts

PLAN_TITLES = {
    "UFI00001": "Sosiaali-, terveys- ja pelastustoimialan osallisuussuunnitelma 2023–2025",
    "USV00001": "Social-, hälsovårds- och räddningssektorns delaktighetsplan 2023–2025",
    "UEN00001": "Participation Plan for 2023–2025",
}
NOT_REPORTED = {
    "UFI00001": "ei vielä raportoitu",
    "USV00001": "inte rapporterad",
    "UEN00001": "not yet reported",
}


def _within_limits(blocks: list[dict[str, object]]) -> None:
    assert 0 < len(blocks) <= MAX_BLOCKS
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= MAX_SECTION  # type: ignore[index]


@pytest.mark.parametrize("user", ["UFI00001", "USV00001", "UEN00001"])
def test_status_overview_is_in_the_users_language(bot: RunningBot, user: str) -> None:
    answer = bot.reply(user, "status")
    shown = texts(answer)
    assert shown.splitlines()[0].startswith(PLAN_TITLES[user])
    assert "0/36" in shown
    _within_limits(answer["blocks"])
    assert [b["accessory"]["action_id"] for b in answer["blocks"] if "accessory" in b] == [
        PRIORITY_ACTION
    ] * 3


@pytest.mark.parametrize("user", ["UFI00001", "USV00001", "UEN00001"])
def test_every_priority_drill_down_fits_and_lists_its_indicators(bot: RunningBot, user: str) -> None:
    for number in (1, 2, 3):
        answer = bot.reply(user, f"status {number}")
        _within_limits(answer["blocks"])
        assert NOT_REPORTED[user] in texts(answer)
    assert "`network-meetings`" in texts(bot.reply(user, "status 2"))


def test_confirmed_values_and_owners_show_in_the_drill_down(bot: RunningBot) -> None:
    with bot.runtime.db.session() as session:
        indicators = {i.key: i for i in session.query(IndicatorRecord)}
        feedback, five_days = (
            indicators["feedback-all-service-areas"],
            indicators["feedback-processed-5-days"],
        )
        session.add(
            Confirmation(indicator_id=feedback.id, year=2025, value_bool=True, confirmed_by=COORDINATOR)
        )
        session.add(
            Confirmation(indicator_id=five_days.id, year=2025, value_number=64.5, confirmed_by=COORDINATOR)
        )
        session.add(IndicatorOwner(indicator_id=five_days.id, slack_user_id="UFI00001", source="chat"))
    shown = texts(bot.reply("UEN00001", "status 1"))
    assert "✅ Customer feedback is collected from all service areas" in shown
    five = next(line for line in shown.splitlines() if "`feedback-processed-5-days`" in line)
    assert "❌" in five and "*64.5 %*" in five and "<@UFI00001>" in five
    assert "2/13" in texts(bot.reply("UEN00001", "status"))
    assert "*64,5 %*" in texts(bot.reply("UFI00001", "status 1"))


def test_an_earlier_year_and_a_year_outside_the_plan(bot: RunningBot) -> None:
    assert "2024" in texts(bot.reply("UEN00001", "status 1 2024"))
    refused = texts(bot.reply("UEN00001", "status 2031"))
    assert "2031" in refused and "outside the plan's period" in refused
    assert "no priority 9" in texts(bot.reply("UEN00001", "status 9")).lower()
    assert "did not understand" in texts(bot.reply("UEN00001", "status everything"))


def test_the_details_button_replaces_the_message_with_the_priority(bot: RunningBot) -> None:
    response = bot.click("USV00001", PRIORITY_ACTION, "3:2025")
    assert response.status_code == 200
    [posted] = bot.standin.wait_for("response_url")
    assert posted.args["replace_original"] is True
    assert "Stärka mångfalden" in texts(posted.args) or "3." in texts(posted.args)
    assert "`advocacy-cooperation`" in texts(posted.args)


def test_a_forged_button_value_gets_a_note_and_nothing_else(bot: RunningBot) -> None:
    bot.click("UEN00001", PRIORITY_ACTION, "DROP TABLE:plans")
    [posted] = bot.standin.wait_for("response_url")
    assert "did not understand" in texts(posted.args)
    assert posted.args.get("replace_original") is False


@pytest.mark.parametrize(("user", "expected"), [("UFI00001", "Tuntematon"), ("UEN00001", "do not know")])
def test_unknown_subcommand_gets_the_help_in_the_users_language(
    bot: RunningBot, user: str, expected: str
) -> None:
    shown = texts(bot.reply(user, "frobnicate now"))
    assert "/osallisuus status" in shown and "frobnicate" in shown
    assert expected.lower() in shown.lower()


def test_empty_command_and_help_list_the_subcommands(bot: RunningBot) -> None:
    for text in ("", "help"):
        shown = texts(bot.reply("UEN00001", text))
        for sub in ("status", "lang", "help"):
            assert f"/osallisuus {sub}" in shown


def test_language_choice_wins_over_the_slack_locale(bot: RunningBot) -> None:
    assert "svenska" in texts(bot.reply("UFI00001", "lang sv"))
    assert texts(bot.reply("UFI00001", "status")).startswith(PLAN_TITLES["USV00001"])
    with bot.runtime.db.session() as session:
        assert session.get(UserPreference, "UFI00001").language == "sv"  # type: ignore[union-attr]


def test_an_unknown_language_is_refused_in_the_current_one_and_nothing_is_stored(bot: RunningBot) -> None:
    shown = texts(bot.reply("UEN00001", "lang klingon"))
    assert "klingon" in shown and "`sv`" in shown
    with bot.runtime.db.session() as session:
        assert session.get(UserPreference, "UEN00001") is None


def test_app_home_shows_the_overview(bot: RunningBot) -> None:
    assert (
        bot.event({"type": "app_home_opened", "user": "USV00001", "channel": "D1", "tab": "home"}).status_code
        == 200
    )
    [published] = bot.standin.wait_for("views.publish")
    view = (
        json.loads(published.args["view"])
        if isinstance(published.args["view"], str)
        else published.args["view"]
    )
    assert published.args["user_id"] == "USV00001"
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    assert texts(view).startswith(PLAN_TITLES["USV00001"])


def test_healthz(bot: RunningBot) -> None:
    import requests

    response = requests.get(f"{bot.url}/healthz", timeout=5)
    assert response.status_code == 200 and response.json() == {"status": "ok"}
