"""An invitation e-mail arrives as a meeting a client can accept, with the member's own-language text and the
organizer's and member's names intact. Every check reads the message as a receiving client would: from
its bytes, parsed again."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

import pytest

from participation.invites.ics import Invite, invite_ics
from participation.invites.imip import imip_message
from tests.participation.invites import EMMA, HELSINKI, ORGANIZER_EMAIL, ORGANIZER_NAME, SVEN, make_invite

SUBJECT = "Kutsu: Osallisuustyöpaja – Kallelse: Verkstad på Åbo"
TEXT = (
    "Hei Sven!\n"
    "Tervetuloa osallisuustyöpajaan. Käsittelemme yhteenvedon ja äänestämme jatkosta.\n"
    "\n"
    "Välkommen till verkstaden! Vi träffas på måndag – ÅÄÖ åäö.\n"
)


def arrived(invite: Invite, message_id: str | None = None) -> EmailMessage:
    sent = imip_message(invite, SVEN, SUBJECT, TEXT, HELSINKI, message_id=message_id)
    received = email.message_from_bytes(sent.as_bytes(), policy=email.policy.default)
    assert isinstance(received, EmailMessage)
    return received


def tree(message: EmailMessage) -> list[str]:
    return [part.get_content_type() for part in message.walk()]


def parts(message: EmailMessage) -> tuple[EmailMessage, EmailMessage, EmailMessage]:
    alternative, attachment = message.iter_parts()
    text, calendar = alternative.iter_parts()
    assert isinstance(text, EmailMessage) and isinstance(calendar, EmailMessage)
    assert isinstance(attachment, EmailMessage)
    return text, calendar, attachment


@pytest.mark.parametrize(
    ("cancelled", "method", "filename"), [(False, "REQUEST", "invite.ics"), (True, "CANCEL", "cancel.ics")]
)
def test_mime_tree(cancelled: bool, method: str, filename: str) -> None:
    invite = make_invite(cancelled=cancelled, sequence=1 if cancelled else 0)
    message = arrived(invite)
    text, calendar, attachment = parts(message)
    ics = invite_ics(invite, HELSINKI)

    assert tree(message) == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/calendar",
        "application/ics",
    ]
    assert text.get_param("charset") == "utf-8"
    assert calendar.get_param("method") == method
    assert calendar.get_param("charset") == "UTF-8"
    assert calendar.get_content_disposition() is None
    assert calendar.get_payload(decode=True) == ics
    assert f"METHOD:{method}\r\n".encode() in ics
    assert attachment.get_content_disposition() == "attachment"
    assert attachment.get_filename() == filename
    assert attachment.get_payload(decode=True) == ics


def test_text_in_finnish_and_swedish_survives() -> None:
    text, _, _ = parts(arrived(make_invite()))

    # MIME text travels with CRLF line breaks; a client shows the same lines.
    assert text.get_content().replace("\r\n", "\n") == TEXT


def test_names_and_subject_decode_as_written() -> None:
    message = arrived(make_invite())
    (sender,) = message["From"].addresses
    (recipient,) = message["To"].addresses

    assert (sender.display_name, sender.addr_spec) == (ORGANIZER_NAME, ORGANIZER_EMAIL)
    assert (recipient.display_name, recipient.addr_spec) == ("Sven Åström", SVEN.email)
    assert str(message["Subject"]) == SUBJECT
    assert message["MIME-Version"] == "1.0"
    assert parsedate_to_datetime(str(message["Date"])) == make_invite().stamp


def test_message_is_seven_bit_clean_for_any_mail_server() -> None:
    raw = imip_message(make_invite(), SVEN, SUBJECT, TEXT, HELSINKI).as_bytes()

    assert raw.decode("ascii").count("\n") == raw.count(b"\r\n")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78


def test_message_id_is_kept_or_made_in_the_organizers_domain() -> None:
    given = arrived(make_invite(), message_id="<meeting-12.1@osallisuus.hel.fi>")
    first, second = arrived(make_invite()), arrived(make_invite())

    assert given["Message-ID"] == "<meeting-12.1@osallisuus.hel.fi>"
    assert str(first["Message-ID"]).endswith("@hel.fi>")
    assert first["Message-ID"] != second["Message-ID"]


def test_recipient_without_a_name_is_addressed_by_e_mail_alone() -> None:
    sent = imip_message(make_invite(), EMMA, SUBJECT, TEXT, HELSINKI)
    received = email.message_from_bytes(sent.as_bytes(), policy=email.policy.default)
    (recipient,) = received["To"].addresses

    assert (recipient.display_name, recipient.addr_spec) == ("", EMMA.email)
