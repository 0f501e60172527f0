"""Handing an e-mail to the configured SMTP server.

Every way this can go wrong becomes one `MailError`, so the dispatcher needs one rule for mail (try again
later), and no message ever carries the SMTP password into a log or the outbox's `last_error`.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl

from config.settings import Settings

TIMEOUT_SECONDS = 30
log = logging.getLogger(__name__)


class MailError(Exception):
    """The message was not accepted by the SMTP server; the text is safe to log."""


def send_email(settings: Settings, raw: str, sender: str, recipients: list[str]) -> None:
    """Send `raw` exactly as given (line endings aside) to `recipients`, or raise MailError."""
    if not settings.smtp_host:
        raise MailError("SMTP_HOST is not set")
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
    try:
        _deliver(settings, password, _wire_bytes(raw), sender, recipients)
    except (smtplib.SMTPException, OSError, ValueError) as error:
        raise MailError(_describe(settings, error, password)) from None


def _deliver(settings: Settings, password: str, data: bytes, sender: str, recipients: list[str]) -> None:
    assert settings.smtp_host is not None
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS) as smtp:
        smtp.ehlo()
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, password)
        options = ["BODY=8BITMIME"] if not data.isascii() and smtp.has_extn("8bitmime") else []
        refused = smtp.sendmail(sender, recipients, data, mail_options=options)
    if refused:
        _report_partly_refused(refused)


def _report_partly_refused(refused: dict[str, tuple[int, bytes]]) -> None:
    """Some recipients were refused, the rest accepted: not an error, since a retry would reach the
    accepted ones twice; the refusals (almost always permanent, such as an unknown mailbox) are logged."""
    for address, (code, reply) in refused.items():
        log.warning("SMTP refused recipient %s: %s %s", address, code, reply.decode(errors="replace"))


def _wire_bytes(raw: str) -> bytes:
    """SMTP wants CRLF line ends; smtplib converts them for text but not for bytes, which 8-bit mail needs."""
    return re.sub(r"\r?\n", "\r\n", raw).encode("utf-8")


def _describe(settings: Settings, error: Exception, password: str) -> str:
    """Say where and what went wrong, with the password blanked should a server ever echo it back."""
    text = f"{settings.smtp_host}:{settings.smtp_port}: {type(error).__name__}: {error}"
    return text.replace(password, "***") if password else text
