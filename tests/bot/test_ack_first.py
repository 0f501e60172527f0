"""Slack waits three seconds for the answer to a command, a click or a form, and gives up after that. The
bot answers first and asks Slack afterwards, so how fast it answers does not depend on how fast Slack is:
these tests make the Slack stand-in slow at every Web API method and look at when the answer came."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from devtools.localslack.server import SlackStandIn
from participation.storage.models import Meeting, OutboxItem
from tests.conftest import COORDINATOR
from tests.participation.reports.support import uploads
from tests.support.network import CHANNEL, MEMBERS, deliver
from tests.support.running import RunningBot, is_working, texts

# Every Web API method the bot calls.
METHODS = (
    "auth.test",
    "chat.postEphemeral",
    "chat.postMessage",
    "chat.update",
    "conversations.history",
    "conversations.members",
    "conversations.open",
    "conversations.replies",
    "files.completeUploadExternal",
    "files.getUploadURLExternal",
    "response_url",  # Slack's side of a response_url, slow too
    "usergroups.users.list",
    "users.info",
    "views.open",
    "views.publish",
    "views.push",
    "views.update",
)
NEW = 'meeting new osallisuusverkosto 16.3.2027 13:00-15:00 "Kevään kokous"'


def slow_slack(standin: SlackStandIn, seconds: float, times: int = 1) -> None:
    """The next `times` calls to each method answer only after `seconds`: a call made before the
    acknowledgement would hold it up, and the first call after it (and so every later one, the work
    after the ack being done in order) is recorded well after the acknowledgement arrived. Later calls
    are quick, to keep the test short. The record of earlier calls is cleared."""
    for method in METHODS:
        standin.delay_next(method, seconds, times=times)
    standin.clear()


def _view(bot: RunningBot, method: str = "views.open") -> dict[str, Any]:
    view = bot.standin.wait_for(method)[-1].args["view"]
    return json.loads(view) if isinstance(view, str) else dict(view)


def _plan_values(view: dict[str, Any], dates: list[str] | None = None) -> dict[str, Any]:
    proposed = [
        b["element"]["initial_date"] for b in view["blocks"] if b.get("block_id", "").startswith("date")
    ]
    values: dict[str, Any] = {
        f"date{n}": {"type": "datepicker", "selected_date": day} for n, day in enumerate(dates or proposed)
    }
    return values | {
        "start": {"type": "timepicker", "selected_time": "13:00"},
        "end": {"type": "timepicker", "selected_time": "15:00"},
        "title": {"type": "plain_text_input", "value": "Osallisuusverkosto"},
    }


def _meetings(bot: RunningBot) -> int:
    with bot.runtime.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Meeting)) or 0)


def _told(bot: RunningBot, user: str) -> str:
    """Every direct message `user` got, joined."""
    return "\n".join(texts(message) for message in bot.standin.messages(f"D{user}"))


def _calls_before_the_ack(bot: RunningBot) -> list[str]:
    return [call.method for call in bot.standin.calls if call.at <= bot.last_ack]


def test_a_year_for_a_channel_of_100_is_acknowledged_at_once_however_slow_slack_is(
    network_bot: RunningBot,
) -> None:
    standin = network_bot.standin
    others = [f"UMEMBER{n:03d}" for n in range(100 - len(MEMBERS))]
    for user in others:
        standin.add_user(user, f"Jäsen {user[-3:]}")
    standin.channels[CHANNEL] = [*MEMBERS, *others, standin.bot_user_id]
    network_bot.sync_directory()  # as at start-up: the directory knows the channel's 100 members
    network_bot.reply(COORDINATOR, "lang en")
    network_bot.command(COORDINATOR, "meetings plan osallisuusverkosto 2027")
    view = _view(network_bot)
    values = _plan_values(view)
    assert len(values) == 4 + 3

    slow_slack(standin, 0.5, times=3)
    response = network_bot.submit(COORDINATOR, view, values)
    assert response.status_code == 200 and response.text == ""
    assert response.elapsed.total_seconds() < 2.5
    assert _calls_before_the_ack(network_bot) == []

    assert _meetings(network_bot) == 4
    deliver(network_bot)
    assert "4 meetings created and invitations sent" in _told(network_bot, COORDINATOR)
    # The channel's members came from the directory: nobody was looked up in Slack, before or after.
    assert standin.calls_to("users.info") == [] and standin.calls_to("conversations.members") == []
    assert len(standin.messages(CHANNEL)) == 4  # the channel is told of each meeting


def test_no_slack_call_comes_before_the_ack_of_a_command_a_form_or_a_click(network_bot: RunningBot) -> None:
    """Who a person is (language, coordinator) is read from the directory; the work after the ack reads
    the channel's members there too, so the answer is all that reaches Slack."""
    standin = network_bot.standin
    network_bot.reply(COORDINATOR, "lang en")
    network_bot.reply("UEN00001", "lang en")
    slow_slack(standin, 0.3)
    acked = network_bot.command(COORDINATOR, NEW)
    assert is_working(acked.json()) and "Working on it" in texts(acked.json())
    assert _calls_before_the_ack(network_bot) == []
    [answer] = standin.calls_to("response_url")
    assert answer.args["replace_original"] is True and "Meeting #1 created" in texts(answer.args)

    slow_slack(standin, 0.3)
    network_bot.command(COORDINATOR, "meeting new")
    assert _calls_before_the_ack(network_bot) == []
    view = _view(network_bot)
    values = {
        "network": {"type": "static_select", "selected_option": {"value": "osallisuusverkosto"}},
        "title": {"type": "plain_text_input", "value": "Syyskokous"},
        "date": {"type": "datepicker", "selected_date": "2027-09-14"},
        "start": {"type": "timepicker", "selected_time": "13:00"},
        "end": {"type": "timepicker", "selected_time": "15:00"},
    }
    slow_slack(standin, 0.3)
    assert network_bot.submit(COORDINATOR, view, values).text == ""
    assert _calls_before_the_ack(network_bot) == []
    assert _meetings(network_bot) == 2

    slow_slack(standin, 0.3)
    network_bot.click("UEN00001", "meeting_rsvp_yes", "2")
    assert _calls_before_the_ack(network_bot) == []
    [answer] = standin.calls_to("response_url")
    assert "Syyskokous" in texts(answer.args) or "attend" in texts(answer.args)


def test_a_field_error_still_comes_back_in_the_ack(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, "lang en")
    network_bot.command(COORDINATOR, "meeting new")
    view = _view(network_bot)
    slow_slack(network_bot.standin, 0.5, times=3)
    values = {
        "network": {"type": "static_select", "selected_option": {"value": "osallisuusverkosto"}},
        "title": {"type": "plain_text_input", "value": "Syyskokous"},
        "date": {"type": "datepicker", "selected_date": "2027-09-14"},
        "start": {"type": "timepicker", "selected_time": "15:00"},
        "end": {"type": "timepicker", "selected_time": "13:00"},
    }
    refused = network_bot.submit(COORDINATOR, view, values)
    assert refused.json() == {
        "response_action": "errors",
        "errors": {"end": "The meeting must end after it starts."},
    }
    assert refused.elapsed.total_seconds() < 2.5
    assert network_bot.standin.calls == [] and _meetings(network_bot) == 0


def test_work_refused_after_the_ack_is_told_as_a_direct_message_and_changes_nothing(
    network_bot: RunningBot,
) -> None:
    """Each date passes the form's checks alone; together they overlap, which only the work finds."""
    network_bot.reply(COORDINATOR, "lang en")
    network_bot.command(COORDINATOR, "meetings plan osallisuusverkosto 2027")
    view = _view(network_bot)
    response = network_bot.submit(COORDINATOR, view, _plan_values(view, ["2027-03-16", "2027-03-16"]))
    assert response.status_code == 200 and response.text == ""
    assert _meetings(network_bot) == 0
    deliver(network_bot)
    told = _told(network_bot, COORDINATOR)
    assert "No meetings were created" in told and "overlaps with another meeting" in told


def test_a_report_answers_working_on_it_and_its_files_come_after(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, "lang en")
    network_bot.reply(COORDINATOR, 'note 3 "Nuorisoneuvosto vieraili palveluissa." year=2025')
    slow_slack(network_bot.standin, 0.3)
    refused = network_bot.command(COORDINATOR, "report 2025 pdf", channel_id=CHANNEL).json()
    assert not is_working(refused) and "I did not understand 'pdf'" in texts(refused)
    assert network_bot.standin.calls == []

    acked = network_bot.command(COORDINATOR, "report 2025 md", channel_id=CHANNEL)
    assert is_working(acked.json()) and "Working on it" in texts(acked.json())
    assert acked.elapsed.total_seconds() < 2.5 and _calls_before_the_ack(network_bot) == []
    [answer] = network_bot.standin.calls_to("response_url")
    assert "on its way to this conversation: `participation-report-2025-en.md`" in texts(answer.args)
    with network_bot.runtime.db.session() as session:
        queued = session.scalars(select(OutboxItem.key).where(OutboxItem.key.startswith("report:"))).all()
    assert len(queued) == 1

    deliver(network_bot)
    [shared] = uploads(network_bot)
    assert (shared.filename, shared.channel) == ("participation-report-2025-en.md", CHANNEL)
    assert "Nuorisoneuvosto vieraili palveluissa." in shared.content.decode()
