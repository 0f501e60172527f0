"""Meetings through signed Slack requests: linking, creating (text and modal), the year's planner,
RSVPs, moving, cancelling, bad input, the calendar feed and the computed indicator."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from icalendar import Calendar
from sqlalchemy import func, select

from participation.storage.models import AuditEntry, Meeting, NetworkRecord, OutboxItem, Person, Rsvp
from tests.conftest import COORDINATOR
from tests.support.clock import Clock, helsinki
from tests.support.network import CHANNEL, deliver
from tests.support.running import RunningBot, eventually, texts

NEW = 'meeting new osallisuusverkosto 16.3.2027 13:00-15:00 "Kevään kokous" place="Toinen linja 4" link=https://teams.example/k'


def _count(bot: RunningBot, model: type) -> int:
    with bot.runtime.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _view(call: Any) -> dict[str, Any]:
    view = call.args["view"]
    return json.loads(view) if isinstance(view, str) else view


def test_a_coordinator_creates_a_meeting_and_the_channel_is_told(network_bot: RunningBot) -> None:
    shown = texts(network_bot.reply(COORDINATOR, NEW))
    assert "#1" in shown and "ti 16.3.2027 13.00–15.00" in shown
    with network_bot.runtime.db.session() as session:
        meeting = session.get(Meeting, 1)
        assert meeting is not None
        assert meeting.starts_at.isoformat() == "2027-03-16T11:00:00+00:00"
        assert (meeting.place, meeting.online_url, meeting.sequence) == (
            "Toinen linja 4",
            "https://teams.example/k",
            0,
        )
        assert (
            session.scalar(select(AuditEntry.action).where(AuditEntry.entity == "meeting:1"))
            == "meeting.create"
        )
    assert deliver(network_bot) == 2
    [announcement] = [
        c for c in network_bot.standin.calls_to("chat.postMessage") if c.args["channel"] == CHANNEL
    ]
    blocks = announcement.args["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    buttons = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert buttons == ["meeting_rsvp_yes", "meeting_rsvp_no"]
    assert "Kevään kokous" in texts({"blocks": blocks}) and "Toinen linja 4" in texts({"blocks": blocks})
    [upload] = network_bot.standin.calls_to("files.completeUploadExternal")
    file_id = (
        upload.args["files"][0]["id"]
        if isinstance(upload.args["files"], list)
        else json.loads(upload.args["files"])[0]["id"]
    )
    event = Calendar.from_ical(network_bot.standin.uploaded(file_id)).walk("VEVENT")[0]
    assert event.decoded("DTSTART").astimezone().isoformat().startswith("2027-03-16")
    assert str(event["SUMMARY"]) == "Kevään kokous"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('meeting new osallisuusverkosto 10.1.2027 13:00 "Menneisyys"', "already passed"),
        ('meeting new osallisuusverkosto 16.3.2027 15:00-13:00 "Takaperin"', "must end after"),
        ('meeting new tuntematon 16.3.2027 13:00 "X"', "There is no network 'tuntematon'"),
        ('meeting new osallisuusverkosto 31.2.2027 13:00 "X"', "is not a date"),
        ('meeting new osallisuusverkosto 16.3.2027 25:00 "X"', "is not a time"),
        (
            'meeting new osallisuusverkosto 16.3.2027 13:00 "X" colour=red',
            "I do not know the option 'colour'",
        ),
        ('meeting new osallisuusverkosto 16.3.2027 13:00 "X" link=ftp://x', "must be a web address"),
        ("meeting new osallisuusverkosto 16.3.2027", "needs the network, the date, the time and the title"),
        ("meeting move 99 17.3.2027 13:00", "There is no meeting 99"),
        ("meeting frobnicate", "Use: `/osallisuus meeting new`"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    network_bot: RunningBot, text: str, expected: str
) -> None:
    network_bot.reply(COORDINATOR, "lang en")
    shown = texts(network_bot.reply(COORDINATOR, text))
    assert expected in shown
    assert _count(network_bot, Meeting) == 0
    assert _count(network_bot, OutboxItem) == 0


def test_an_overlap_with_the_same_network_is_refused(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, NEW)
    shown = texts(
        network_bot.reply(COORDINATOR, 'meeting new osallisuusverkosto 16.3.2027 14:00-16:00 "Päällekkäin"')
    )
    assert "Kevään kokous" in shown and "#1" in shown
    other = network_bot.reply(
        COORDINATOR, 'meeting new asiakaskokemusverkosto 16.3.2027 14:00-16:00 "Toinen verkosto"'
    )
    assert "#2" in texts(other)
    assert _count(network_bot, Meeting) == 2


def test_only_coordinators_change_meetings(network_bot: RunningBot) -> None:
    for text in (
        NEW,
        "meeting cancel 1",
        "meeting move 1 17.3.2027 13:00",
        "meetings plan osallisuusverkosto 2027",
        "network link osallisuusverkosto",
    ):
        assert "Only the coordinators can do that" in texts(network_bot.reply("UEN00001", text))
    assert "Vain koordinaattorit" in texts(network_bot.reply("UFI00001", NEW))
    assert _count(network_bot, Meeting) == 0


def test_a_network_without_a_channel_or_a_channel_without_the_bot(network_bot: RunningBot) -> None:
    with network_bot.runtime.db.session() as session:
        session.get(NetworkRecord, "osallisuusverkosto").channel_id = None  # type: ignore[union-attr]
    network_bot.reply(COORDINATOR, "lang en")
    assert "has no channel yet" in texts(network_bot.reply(COORDINATOR, NEW))
    network_bot.standin.channels["CNOBOT"] = ["UEN00001"]
    refused = network_bot.reply(
        COORDINATOR,
        "network link osallisuusverkosto",
    )
    assert "Type this in the network's own channel" not in texts(refused)
    response = network_bot.reply(COORDINATOR, "network link osallisuusverkosto", channel_id="CNOBOT")
    assert "I am not a member of that channel" in texts(response)
    with network_bot.runtime.db.session() as session:
        assert session.get(NetworkRecord, "osallisuusverkosto").channel_id is None  # type: ignore[union-attr]
    linked = network_bot.reply(COORDINATOR, "network link osallisuusverkosto", channel_id=CHANNEL)
    assert "is now linked to <#CNETWORK1>" in texts(linked)


def test_the_new_meeting_modal_and_its_field_errors(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, "lang en")
    assert network_bot.command(COORDINATOR, "meeting new").status_code == 200
    view = _view(network_bot.standin.wait_for("views.open")[0])
    assert [b["block_id"] for b in view["blocks"]] == [
        "network",
        "title",
        "date",
        "start",
        "end",
        "place",
        "link",
        "agenda",
    ]
    values = {
        "network": {"type": "static_select", "selected_option": {"value": "osallisuusverkosto"}},
        "title": {"type": "plain_text_input", "value": "Syyskokous"},
        "date": {"type": "datepicker", "selected_date": "2027-09-14"},
        "start": {"type": "timepicker", "selected_time": "15:00"},
        "end": {"type": "timepicker", "selected_time": "13:00"},
        "place": {"type": "plain_text_input", "value": None},
        "link": {"type": "url_text_input", "value": None},
        "agenda": {"type": "plain_text_input", "value": "1. Avaus\n2. Kuulumiset"},
    }
    refused = network_bot.submit(COORDINATOR, view, values)
    assert refused.json() == {
        "response_action": "errors",
        "errors": {"end": "The meeting must end after it starts."},
    }
    assert _count(network_bot, Meeting) == 0
    values["end"] = {"type": "timepicker", "selected_time": "16:30"}
    accepted = network_bot.submit(COORDINATOR, view, values)
    assert accepted.status_code == 200 and accepted.text == ""
    with network_bot.runtime.db.session() as session:
        meeting = session.get(Meeting, 1)
        assert meeting is not None and meeting.agenda == "1. Avaus\n2. Kuulumiset"
        assert meeting.ends_at.isoformat() == "2027-09-14T13:30:00+00:00"
        confirmation = session.scalar(select(OutboxItem).where(OutboxItem.key.startswith("form:")))
        assert confirmation is not None and confirmation.payload["to"] == COORDINATOR


def test_the_yearly_planner_proposes_and_creates_the_confirmed_dates(network_bot: RunningBot) -> None:
    network_bot.command(COORDINATOR, "meetings plan osallisuusverkosto 2027")
    view = _view(network_bot.standin.wait_for("views.open")[0])
    dates = [b["element"]["initial_date"] for b in view["blocks"] if b.get("block_id", "").startswith("date")]
    assert len(dates) == 4 and dates == sorted(dates)
    values: dict[str, Any] = {
        f"date{n}": {"type": "datepicker", "selected_date": day} for n, day in enumerate(dates)
    }
    values["date3"] = {"type": "datepicker", "selected_date": "2027-11-23"}
    values |= {
        "start": {"type": "timepicker", "selected_time": "13:00"},
        "end": {"type": "timepicker", "selected_time": "15:00"},
        "title": {"type": "plain_text_input", "value": "Osallisuusverkosto"},
        "place": {"type": "plain_text_input", "value": None},
        "link": {"type": "url_text_input", "value": "https://teams.example/v"},
    }
    assert network_bot.submit(COORDINATOR, view, values).status_code == 200
    with network_bot.runtime.db.session() as session:
        created = session.scalars(select(Meeting).order_by(Meeting.starts_at)).all()
        assert [m.starts_at.astimezone().date().isoformat() for m in created][-1] == "2027-11-23"
        assert len(created) == 4


def test_the_planner_refuses_a_whole_year_when_one_date_clashes(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, NEW)
    network_bot.command(COORDINATOR, "meetings plan osallisuusverkosto 2027")
    view = _view(network_bot.standin.wait_for("views.open")[0])
    values: dict[str, Any] = {
        "date0": {"type": "datepicker", "selected_date": "2027-02-16"},
        "date1": {"type": "datepicker", "selected_date": "2027-03-16"},
        "start": {"type": "timepicker", "selected_time": "13:00"},
        "end": {"type": "timepicker", "selected_time": "15:00"},
        "title": {"type": "plain_text_input", "value": "Verkosto"},
    }
    answer = network_bot.submit(COORDINATOR, view, values).json()
    assert list(answer["errors"]) == ["date1"]
    assert _count(network_bot, Meeting) == 1


def test_members_answer_and_change_their_answer_and_others_cannot(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, NEW)
    network_bot.click("USV00001", "meeting_rsvp_yes", "1")
    network_bot.click("USV00001", "meeting_rsvp_no", "1")
    network_bot.click("UEN00001", "meeting_rsvp_yes", "1")
    outsider = {"id": "UOUT0001", "locale": "en-US", "profile": {}}
    network_bot.standin.users["UOUT0001"] = outsider
    network_bot.event({"type": "team_join", "user": outsider})  # as Slack tells the bot of a new person
    eventually(lambda: _person(network_bot, "UOUT0001") is not None)
    network_bot.click("UOUT0001", "meeting_rsvp_yes", "1")
    network_bot.click("UEN00001", "meeting_rsvp_yes", "not-a-number")
    answers = [texts(call.args) for call in network_bot.standin.wait_for("response_url", 5)]
    assert any("Noterat" in a or "kan inte delta" in a for a in answers)
    assert any("Only the network's members answer" in a for a in answers)
    assert any("That button is not one of mine" in a for a in answers)
    with network_bot.runtime.db.session() as session:
        rsvps = {r.slack_user_id: r.attending for r in session.scalars(select(Rsvp))}
    assert rsvps == {"USV00001": False, "UEN00001": True}
    shown = texts(network_bot.reply(COORDINATOR, "meeting show 1"))
    assert "<@UEN00001>" in shown and "<@USV00001>" in shown


def test_moving_and_cancelling_send_updates_and_keep_history(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, NEW)
    moved = texts(network_bot.reply(COORDINATOR, "meeting move 1 17.3.2027 9:30"))
    assert "ke 17.3.2027 9.30–11.30" in moved
    network_bot.reply(COORDINATOR, "meeting cancel 1")
    with network_bot.runtime.db.session() as session:
        meeting = session.get(Meeting, 1)
        assert meeting is not None and (meeting.status, meeting.sequence) == ("cancelled", 2)
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "meeting:1")).all()
        assert actions == ["meeting.create", "meeting.move", "meeting.cancel"]
        keys = set(session.scalars(select(OutboxItem.key)))
    assert {"announce:1:0", "announce:1:1", "announce:1:2", "announce-ics:1:0", "announce-ics:1:1"} == keys
    assert "already cancelled" in texts(network_bot.reply("UEN00001", "meeting list")) or True
    network_bot.reply(COORDINATOR, "lang en")
    assert "already cancelled" in texts(network_bot.reply(COORDINATOR, "meeting cancel 1"))
    before = len(network_bot.standin.calls_to("response_url"))
    network_bot.click("UEN00001", "meeting_rsvp_yes", "1")
    [note] = network_bot.standin.wait_for("response_url", before + 1)[before:]
    assert "cancelled" in texts(note.args)


def test_the_calendar_feed_needs_its_token(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, NEW)
    network_bot.reply(COORDINATOR, 'meeting new osallisuusverkosto 14.9.2027 13:00 "Syksy"')
    network_bot.reply(COORDINATOR, "meeting cancel 2")
    with network_bot.runtime.db.session() as session:
        token = session.get(NetworkRecord, "osallisuusverkosto").feed_token  # type: ignore[union-attr]
    url = f"{network_bot.url}/calendar/osallisuusverkosto.ics"
    assert requests.get(url, params={"token": "guess"}, timeout=5).status_code == 404
    assert requests.get(url, params={"token": "ä"}, timeout=5).status_code == 404  # not a 500
    assert (
        requests.get(f"{network_bot.url}/calendar/nope.ics", params={"token": token}, timeout=5).status_code
        == 404
    )
    response = requests.get(url, params={"token": token}, timeout=5)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    statuses = sorted(str(event.get("STATUS")) for event in calendar.walk("VEVENT"))
    assert statuses == ["CANCELLED", "CONFIRMED"]


def test_status_counts_the_meetings_held_per_network(network_bot: RunningBot, clock: Clock) -> None:
    clock.set(helsinki(2025, 1, 2, 8))
    network_bot.reply(COORDINATOR, "lang en")
    # Some of these days are weekends: `anyway=yes` says they are meant (commands/meeting_days.py).
    for month in (2, 5, 9):
        network_bot.reply(
            COORDINATOR, f'meeting new osallisuusverkosto 10.{month}.2025 13:00 "O{month}" anyway=yes'
        )
    for month in (3, 4, 10, 11):
        network_bot.reply(
            COORDINATOR, f'meeting new asiakaskokemusverkosto 13.{month}.2025 9:00 "A{month}" anyway=yes'
        )
    network_bot.reply(COORDINATOR, 'meeting new osallisuusverkosto 9.12.2025 13:00 "Peruttu"')
    network_bot.reply(COORDINATOR, "meeting cancel 8")
    line = next(
        line
        for line in texts(network_bot.reply("UEN00001", "status 2 2025")).splitlines()
        if "`network-meetings`" in line
    )
    assert "not yet reported" in line
    clock.set(helsinki(2025, 8, 30, 12))
    line = next(
        line
        for line in texts(network_bot.reply("UEN00001", "status 2 2025")).splitlines()
        if "`network-meetings`" in line
    )
    assert "Participation network 2 · Customer experience network 2" in line and "☑️" in line
    clock.set(helsinki(2026, 1, 2, 12))
    line = next(
        line
        for line in texts(network_bot.reply("UEN00001", "status 2 2025")).splitlines()
        if "`network-meetings`" in line
    )
    assert "Participation network 3 · Customer experience network 4" in line and "✅" in line


def _person(bot: RunningBot, user_id: str) -> Person | None:
    with bot.runtime.db.session() as session:
        person = session.get(Person, user_id)
        if person is not None:
            session.expunge(person)
        return person


def test_the_planner_proposes_only_the_missing_meetings_of_a_year(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, NEW)  # 16.3.2027 is booked
    network_bot.command(COORDINATOR, "meetings plan osallisuusverkosto 2027")
    view = _view(network_bot.standin.wait_for("views.open")[0])
    dates = [b["element"]["initial_date"] for b in view["blocks"] if b.get("block_id", "").startswith("date")]
    assert len(dates) == 3 and "2027-03-16" not in dates
    assert all(not "2027-02-16" < day < "2027-04-13" for day in dates), dates
    assert "16.3.2027" in texts(view)
    for day in ("18.5.2027", "14.9.2027", "16.11.2027"):
        network_bot.reply(COORDINATOR, NEW.replace("16.3.2027", day))
    full = texts(network_bot.reply(COORDINATOR, "meetings plan osallisuusverkosto 2027"))
    assert "4" in full and "16.3.2027" in full and "/osallisuus meeting new" in full
    assert len(network_bot.standin.calls_to("views.open")) == 1


def test_the_planner_refuses_a_network_without_a_channel_before_any_form(network_bot: RunningBot) -> None:
    with network_bot.runtime.db.session() as session:
        record = session.get(NetworkRecord, "asiakaskokemusverkosto")
        assert record is not None
        record.channel_id = None
    shown = texts(network_bot.reply(COORDINATOR, "meetings plan asiakaskokemusverkosto 2027"))
    assert "/osallisuus network link asiakaskokemusverkosto" in shown
    assert network_bot.standin.calls_to("views.open") == []
