"""What a first-time user meets, through signed Slack requests: a title or place typed without quotes, an
http link, a slip in a command's name, a guest language the bot does not write, mentions typed as ids,
and a meeting on a weekend or a public holiday, which is warned about and created only when meant."""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from commands.ids import ANYWAY_ACTION, DROP_ACTION
from participation.storage.models import Meeting, NetworkGuest, Poll, PollRecipient
from tests.conftest import COORDINATOR
from tests.support.running import RunningBot, texts

NETWORK = "meeting new osallisuusverkosto"


def _count(bot: RunningBot, model: type) -> int:
    with bot.runtime.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _buttons(message: dict[str, Any]) -> dict[str, str]:
    blocks = message.get("blocks") or []
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    return {e["action_id"]: e["value"] for b in blocks if b["type"] == "actions" for e in b["elements"]}


@pytest.mark.parametrize(
    ("typed", "quoted"),
    [
        (f"{NETWORK} 16.3.2027 13:00 Ei kanavaa", f'{NETWORK} 16.3.2027 13:00 "Ei kanavaa"'),
        (
            f'{NETWORK} 16.3.2027 13:00 "Kokous" place=Room 5',
            f'{NETWORK} 16.3.2027 13:00 Kokous place="Room 5"',
        ),
    ],
)
def test_a_text_of_several_words_without_quotes_is_shown_quoted(
    network_bot: RunningBot, typed: str, quoted: str
) -> None:
    network_bot.reply(COORDINATOR, "lang en")
    shown = texts(network_bot.reply(COORDINATOR, typed))
    assert f"needs quotes around it. Like this: `/osallisuus {quoted}`" in shown
    assert "needs the network, the date, the time and the title" not in shown
    assert _count(network_bot, Meeting) == 0


def test_a_meeting_link_must_be_https_as_the_refusal_says(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, "lang en")
    shown = texts(
        network_bot.reply(COORDINATOR, f'{NETWORK} 16.3.2027 13:00 "K" link=http://teams.example/k')
    )
    assert "The online link must be a web address starting with https://." in shown
    assert _count(network_bot, Meeting) == 0


@pytest.mark.parametrize(
    ("user", "typed", "said"),
    [
        ("UEN00001", "stauts", "I do not know the command 'stauts'. Did you mean `/osallisuus status`?"),
        ("UFI00001", "meetngs", "En tunne komentoa 'meetngs'. Tarkoititko `/osallisuus meetings`?"),
        ("USV00001", "mien", "Menade du `/osallisuus mine`?"),
    ],
)
def test_a_slip_in_a_commands_name_gets_the_nearest_command(
    network_bot: RunningBot, user: str, typed: str, said: str
) -> None:
    shown = texts(network_bot.reply(user, typed))
    assert said in shown
    assert "meeting show 12" not in shown  # not the whole list of commands
    assert "meeting show 12" in texts(network_bot.reply(user, "xyzzy"))  # no near one: the whole list


def test_a_guest_language_is_fi_sv_or_en_only(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, "lang en")
    shown = texts(network_bot.reply(COORDINATOR, "network guest add osallisuusverkosto a@example.org de"))
    assert "I write to guests in Finnish, Swedish or English, so 'de' cannot be their language." in shown
    assert _count(network_bot, NetworkGuest) == 0
    network_bot.reply(COORDINATOR, "network guest add osallisuusverkosto a@example.org SV Bo Ek")
    with network_bot.runtime.db.session() as session:
        guest = session.scalars(select(NetworkGuest)).one()
        assert (guest.email, guest.language, guest.name) == ("a@example.org", "sv", "Bo Ek")


def test_a_training_poll_takes_mentions_in_every_form_owner_takes(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, "lang en")
    shown = texts(
        network_bot.reply(COORDINATOR, 'poll training "Perusteet" 8.1.2027 to=@UFI00001,<@USV00001>,UEN00001')
    )
    assert "Poll p1 is open: 3 people were asked" in shown
    with network_bot.runtime.db.session() as session:
        asked = session.scalars(select(PollRecipient.slack_user_id)).all()
        assert sorted(set(asked)) == ["UEN00001", "UFI00001", "USV00001"]
        assert _count(network_bot, Poll) == 1


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("6.12.2027", "Monday 6.12.2027 is a public holiday in Finland."),
        ("13.3.2027", "Saturday 13.3.2027 is a weekend day."),
    ],
)
def test_a_meeting_on_a_holiday_or_weekend_waits_for_create_anyway(
    network_bot: RunningBot, day: str, said: str
) -> None:
    network_bot.reply(COORDINATOR, "lang en")
    warned = network_bot.reply(COORDINATOR, f'{NETWORK} {day} 13:00-15:00 "Juhla" place="Sali 2"')
    assert said in texts(warned) and "add `anyway=yes`" in texts(warned)
    assert _count(network_bot, Meeting) == 0
    buttons = _buttons(warned)
    assert set(buttons) == {ANYWAY_ACTION, DROP_ACTION}
    network_bot.click(COORDINATOR, DROP_ACTION, buttons[DROP_ACTION])
    assert _count(network_bot, Meeting) == 0
    network_bot.click(COORDINATOR, ANYWAY_ACTION, buttons[ANYWAY_ACTION])
    with network_bot.runtime.db.session() as session:
        meeting = session.scalars(select(Meeting)).one()
        assert (meeting.title, meeting.place) == ("Juhla", "Sali 2")
        starts = meeting.starts_at.astimezone(ZoneInfo("Europe/Helsinki"))
        assert f"{starts.day}.{starts.month}.{starts.year} {starts:%H:%M}" == f"{day} 13:00"
    told = network_bot.standin.calls_to("response_url")[-1].args
    assert "Meeting #1 created." in texts(told)


def test_a_button_that_is_no_meeting_command_changes_nothing(network_bot: RunningBot) -> None:
    network_bot.click(COORDINATOR, ANYWAY_ACTION, "meeting cancel 1 anyway=yes")
    told = network_bot.standin.calls_to("response_url")[-1].args
    assert "Nothing was changed." in texts(told) or "Mitään ei muutettu." in texts(told)


def test_a_move_to_a_holiday_is_warned_and_anyway_moves_it(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, "lang en")
    network_bot.reply(COORDINATOR, f'{NETWORK} 16.3.2027 13:00-15:00 "Kevät"')
    warned = texts(network_bot.reply(COORDINATOR, "meeting move 1 6.12.2027 13:00"))
    assert "Monday 6.12.2027 is a public holiday in Finland." in warned
    with network_bot.runtime.db.session() as session:
        meeting = session.get(Meeting, 1)
        assert meeting is not None and meeting.starts_at.month == 3
    network_bot.reply(COORDINATOR, "meeting move 1 6.12.2027 13:00 anyway=yes")
    with network_bot.runtime.db.session() as session:
        meeting = session.get(Meeting, 1)
        assert meeting is not None and (meeting.starts_at.month, meeting.starts_at.day) == (12, 6)


def test_the_new_meeting_form_marks_a_holiday_under_the_date(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, "lang en")
    network_bot.command(COORDINATOR, "meeting new")
    view = network_bot.standin.wait_for("views.open")[0].args["view"]
    view = json.loads(view) if isinstance(view, str) else view
    values = {
        "network": {"type": "static_select", "selected_option": {"value": "osallisuusverkosto"}},
        "title": {"type": "plain_text_input", "value": "Juhla"},
        "date": {"type": "datepicker", "selected_date": "2027-12-06"},
        "start": {"type": "timepicker", "selected_time": "13:00"},
        "end": {"type": "timepicker", "selected_time": "15:00"},
        "place": {"type": "plain_text_input", "value": None},
        "link": {"type": "url_text_input", "value": None},
        "agenda": {"type": "plain_text_input", "value": None},
    }
    refused = network_bot.submit(COORDINATOR, view, values).json()
    assert refused["errors"]["date"].startswith("Monday 6.12.2027 is a public holiday in Finland.")
    assert _count(network_bot, Meeting) == 0
