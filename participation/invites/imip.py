"""Invitation e-mails in the shape RFC 6047 (iMIP) describes and that Outlook, Gmail and Thunderbird all
turn into an "accept / decline" meeting card.

The calendar travels twice: inline as text/calendar with the method, which is what makes clients show the
card, and as an attachment, for clients and webmail views that only offer files to open. Every part is
quoted-printable or base64, so the message reaches a member intact through servers without 8BITMIME."""

from __future__ import annotations

import email.policy
from email.headerregistry import Address
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime, make_msgid
from zoneinfo import ZoneInfo

from participation.invites.ics import Attendee, Invite, invite_ics
from participation.text import single_line

_POLICY = email.policy.SMTP


def imip_message(
    invite: Invite,
    recipient: Attendee,
    subject: str,
    text_body: str,
    zone: ZoneInfo,
    message_id: str | None = None,
) -> EmailMessage:
    """One recipient's copy; the caller writes subject and text in the member's own language."""
    ics = invite_ics(invite, zone)
    message = EmailMessage(policy=_POLICY)
    _add_headers(message, invite, recipient, subject, message_id)
    message.make_mixed()
    _attach(
        message,
        _alternative(text_body, ics, "CANCEL" if invite.cancelled else "REQUEST"),
        _attachment(ics, "cancel.ics" if invite.cancelled else "invite.ics"),
    )
    return message


def _alternative(text_body: str, ics: bytes, method: str) -> MIMEPart:
    text = MIMEPart(policy=_POLICY)
    text.set_content(text_body, subtype="plain", charset="utf-8", cte="quoted-printable")
    calendar = MIMEPart(policy=_POLICY)
    calendar.set_content(
        ics, maintype="text", subtype="calendar", cte="base64", params={"method": method, "charset": "UTF-8"}
    )
    alternative = MIMEPart(policy=_POLICY)
    alternative.make_alternative()
    _attach(alternative, text, calendar)
    return alternative


def _attachment(ics: bytes, filename: str) -> MIMEPart:
    attachment = MIMEPart(policy=_POLICY)
    attachment.set_content(
        ics, maintype="application", subtype="ics", filename=filename, params={"name": filename}
    )
    return attachment


def _attach(container: MIMEPart, *parts: MIMEPart) -> None:
    """Parts are plain MIMEParts, not EmailMessages, so they carry no MIME-Version header of their own."""
    for part in parts:
        container.attach(part)


def _add_headers(
    message: EmailMessage, invite: Invite, recipient: Attendee, subject: str, message_id: str | None
) -> None:
    """Date is when this version of the meeting was made, so a resend from the outbox is the same mail.

    Names and the subject are made one line here: a guest name or title stored with a line break (before
    such input was refused) would otherwise make the header, and so the whole meeting change, fail."""
    message["From"] = Address(
        display_name=single_line(invite.organizer_name), addr_spec=invite.organizer_email
    )
    message["To"] = Address(display_name=single_line(recipient.name or ""), addr_spec=recipient.email)
    message["Subject"] = single_line(subject)
    message["Date"] = format_datetime(invite.stamp)
    message["Message-ID"] = message_id or make_msgid(domain=_domain(invite.organizer_email))
    message["MIME-Version"] = "1.0"


def _domain(address: str) -> str:
    return address.rpartition("@")[2]
