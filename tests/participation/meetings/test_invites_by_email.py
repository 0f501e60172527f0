"""Members get iMIP invitations over real SMTP, in their own language; a move updates, a cancel removes."""

from __future__ import annotations

import email
import email.policy
import json
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from icalendar import Calendar
from sqlalchemy import select

from config.settings import Settings
from devtools.localslack.server import SlackStandIn
from participation.storage.models import Meeting, NetworkGuest, NetworkRecord
from tests.conftest import COORDINATOR, SIGNING_SECRET
from tests.support.clock import Clock
from tests.support.network import CHANNEL, MEMBERS, deliver
from tests.support.running import RunningBot, texts
from tests.support.smtp import SmtpServer, running_smtp

NEW = 'meeting new osallisuusverkosto 15.6.2027 13:00-15:00 "Kesäkokous" place="Toinen linja 4"'


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with running_smtp() as server:
        yield server


@pytest.fixture
def mail_bot(
    settings: Settings, standin: SlackStandIn, clock: Clock, smtp: SmtpServer
) -> Iterator[RunningBot]:
    standin.channels[CHANNEL] = [*MEMBERS, standin.bot_user_id]
    configured = settings.model_copy(
        update={
            "smtp_host": smtp.host,
            "smtp_port": smtp.port,
            "smtp_starttls": False,
            "smtp_from": "Osallisuusbotti – Sotepe <osallisuus@hel.example>",
        }
    )
    running = RunningBot.start(configured, standin, SIGNING_SECRET, now=clock)
    with running.runtime.db.session() as session:
        network = session.get(NetworkRecord, "osallisuusverkosto")
        assert network is not None
        network.channel_id = CHANNEL
        network.guests.append(
            NetworkGuest(
                email="kokemus@example.org", name="Kokemusasiantuntija", language="sv", added_by=COORDINATOR
            )
        )
    yield running
    running.stop()


def _mails(smtp: SmtpServer) -> dict[str, EmailMessage]:
    found = {}
    for received in smtp.received:
        message = email.message_from_bytes(received.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        [recipient] = received.rcpt_tos
        found[recipient] = message
    return found


def _calendar(message: EmailMessage) -> Calendar:
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    return Calendar.from_ical(part.get_payload(decode=True))


def test_every_member_with_an_address_gets_an_invitation_in_their_language(
    mail_bot: RunningBot, smtp: SmtpServer
) -> None:
    mail_bot.reply(COORDINATOR, NEW)
    deliver(mail_bot)
    mails = _mails(smtp)
    assert set(mails) == {
        "ufi00001@example.org",
        "usv00001@example.org",
        "uen00001@example.org",
        "ucoord01@example.org",
        "kokemus@example.org",
    }
    assert mails["ufi00001@example.org"]["Subject"].startswith("Kutsu: Kesäkokous")
    assert mails["usv00001@example.org"]["Subject"].startswith("Inbjudan: Kesäkokous")
    assert mails["uen00001@example.org"]["Subject"].startswith("Invitation: Kesäkokous")
    assert mails["kokemus@example.org"]["Subject"].startswith("Inbjudan")
    message = mails["uen00001@example.org"]
    assert message["From"].addresses[0].addr_spec == "osallisuus@hel.example"
    assert message["From"].addresses[0].display_name == "Osallisuusbotti – Sotepe"
    assert message.get_content_type() == "multipart/mixed"
    alternative = message.get_payload()[0]
    assert [p.get_content_type() for p in alternative.get_payload()] == ["text/plain", "text/calendar"]
    assert alternative.get_payload()[1].get_param("method") == "REQUEST"
    assert "Toinen linja 4" in alternative.get_payload()[0].get_content()
    event = _calendar(message).walk("VEVENT")[0]
    assert event.decoded("DTSTART").isoformat() == "2027-06-15T13:00:00+03:00"
    assert [str(a) for a in event.get("ATTENDEE") if True] in (
        ["mailto:uen00001@example.org"],
        ["MAILTO:uen00001@example.org"],
    ) or str(event.get("ATTENDEE")).lower() == "mailto:uen00001@example.org"
    assert int(event["SEQUENCE"]) == 0


def test_a_move_and_a_cancel_update_the_same_calendar_entry(mail_bot: RunningBot, smtp: SmtpServer) -> None:
    mail_bot.reply(COORDINATOR, NEW)
    deliver(mail_bot)
    mail_bot.reply(COORDINATOR, "meeting move 1 16.6.2027 9:00")
    deliver(mail_bot)
    mail_bot.reply(COORDINATOR, "meeting cancel 1")
    deliver(mail_bot)
    to_emma = [
        email.message_from_bytes(r.content, policy=email.policy.default)
        for r in smtp.received
        if r.rcpt_tos == ["uen00001@example.org"]
    ]
    events = [_calendar(m).walk("VEVENT")[0] for m in to_emma]
    assert len({str(e["UID"]) for e in events}) == 1
    assert [int(e["SEQUENCE"]) for e in events] == [0, 1, 2]
    methods = [str(_calendar(m)["METHOD"]) for m in to_emma]
    assert methods == ["REQUEST", "REQUEST", "CANCEL"]
    assert events[1].decoded("DTSTART").isoformat() == "2027-06-16T09:00:00+03:00"
    assert str(events[2]["STATUS"]) == "CANCELLED"
    assert to_emma[2]["Subject"].startswith("Cancelled: Kesäkokous")


def test_nothing_is_sent_twice_when_the_dispatcher_runs_again(mail_bot: RunningBot, smtp: SmtpServer) -> None:
    mail_bot.reply(COORDINATOR, NEW)
    deliver(mail_bot)
    deliver(mail_bot)
    assert len(smtp.received) == 5
    assert (
        len([c for c in mail_bot.standin.calls_to("chat.postMessage") if c.args["channel"] == CHANNEL]) == 1
    )


def test_a_guest_name_with_a_line_break_is_refused_and_nothing_is_written(mail_bot: RunningBot) -> None:
    refused = texts(
        mail_bot.reply(
            COORDINATOR, 'network guest add osallisuusverkosto uusi@example.org "Aino\nBcc: x@y.fi"'
        )
    )
    assert refused == "Vieraan nimi: kirjoita se yhdelle riville, ilman rivinvaihtoja tai ohjausmerkkejä."
    control = texts(mail_bot.reply(COORDINATOR, "network guest add osallisuusverkosto uu\x07si@example.org"))
    assert control == "'uu\\x07si@example.org' ei ole sähköpostiosoite."  # shown as repr
    with mail_bot.runtime.db.session() as session:
        guests = session.scalars(select(NetworkGuest.email)).all()
    assert guests == ["kokemus@example.org"]


def test_a_guest_name_stored_with_a_line_break_before_no_longer_breaks_meeting_new(
    mail_bot: RunningBot, smtp: SmtpServer
) -> None:
    with mail_bot.runtime.db.session() as session:
        network = session.get(NetworkRecord, "osallisuusverkosto")
        assert network is not None
        network.guests.append(
            NetworkGuest(
                email="vanha@example.org", name="Vanha\r\nNimi\t", language="fi", added_by=COORDINATOR
            )
        )
    created = texts(mail_bot.reply(COORDINATOR, NEW))
    assert created.startswith("Kokous #1 on luotu.")
    deliver(mail_bot)
    mails = _mails(smtp)
    assert mails["vanha@example.org"]["To"].addresses[0].display_name == "Vanha Nimi"
    event = _calendar(mails["vanha@example.org"]).walk("VEVENT")[0]
    assert event["ATTENDEE"].params["CN"] == "Vanha Nimi"
    assert len(mails) == 6


def test_a_meeting_planned_without_a_title_is_named_in_each_readers_language(
    mail_bot: RunningBot, smtp: SmtpServer
) -> None:
    """No default is stored: the Finnish coordinator's empty title reads Swedish to Sven, English to Emma."""
    mail_bot.command(COORDINATOR, "meetings plan osallisuusverkosto 2027")
    opened = mail_bot.standin.wait_for("views.open")[0].args["view"]
    view = json.loads(opened) if isinstance(opened, str) else opened
    [title] = [b for b in view["blocks"] if b.get("block_id") == "title"]
    assert title["optional"] and "initial_value" not in title["element"]
    values = {
        "date0": {"type": "datepicker", "selected_date": "2027-03-16"},
        "start": {"type": "timepicker", "selected_time": "13:00"},
        "end": {"type": "timepicker", "selected_time": "15:00"},
        "title": {"type": "plain_text_input", "value": None},
    }
    assert mail_bot.submit(COORDINATOR, view, values).status_code == 200
    deliver(mail_bot)
    with mail_bot.runtime.db.session() as session:
        assert session.scalars(select(Meeting.title)).all() == [""]
    mails = _mails(smtp)
    assert mails["ufi00001@example.org"]["Subject"].startswith("Kutsu: Osallisuusverkosto: kokous")
    assert mails["usv00001@example.org"]["Subject"].startswith("Inbjudan: Delaktighetsnätverket: möte")
    assert mails["uen00001@example.org"]["Subject"].startswith("Invitation: Participation network: meeting")
    event = _calendar(mails["usv00001@example.org"]).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Delaktighetsnätverket: möte"
    assert "Delaktighetsnätverket: möte" in texts(mail_bot.reply("USV00001", "meeting list"))
    assert "Participation network: meeting" in texts(mail_bot.reply("UEN00001", "status"))
