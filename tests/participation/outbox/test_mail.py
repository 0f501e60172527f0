"""E-mail through a real SMTP server: delivered byte for byte, retried on 451, refused without leaking."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from config.settings import Settings
from participation.outbox.items import Kind, email, enqueue
from participation.outbox.mail import MailError, send_email
from participation.storage.db import Database
from participation.storage.models import OutboxItem
from tests.participation.outbox.conftest import Clock, FailureNotices, MakeDispatcher
from tests.support.smtp import SmtpServer, running_smtp

PASSWORD = "s3cret-Pa55word"


def _message(subject: str = "Kokouskutsu: verkostotapaaminen") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Osallisuusbotti <botti@example.org>"
    message["To"] = "Aino Virtanen <aino@example.org>"
    message["Cc"] = "sven@example.org"
    message["Bcc"] = "piilo@example.org"
    message["Subject"] = subject
    message["Message-ID"] = "<meeting-42.1@osallisuus.example.org>"
    message.set_content("Hei Aino,\n\ntervetuloa tapaamiseen torstaina klo 14–15.\n.\n.piste rivin alussa\n")
    return message


def _smtp_settings(settings: Settings, server: SmtpServer, **changes: object) -> Settings:
    return settings.model_copy(update={**_smtp(server), **changes})


def _smtp(server: SmtpServer) -> dict[str, object]:
    return {"smtp_host": server.host, "smtp_port": server.port, "smtp_starttls": False}


def _wire(raw: str) -> bytes:
    return raw.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def _put_mail(db: Database, key: str, message: EmailMessage) -> dict[str, object]:
    payload = email(message)
    with db.session() as session:
        assert enqueue(session, key, Kind.EMAIL, payload)
    return payload


def _item(db: Database, key: str) -> OutboxItem:
    with db.session() as session:
        item = session.scalar(select(OutboxItem).where(OutboxItem.key == key))
        assert item is not None
        return item


# --- through the dispatcher -----------------------------------------------------------------------


def test_an_email_is_delivered_exactly_as_written(
    db: Database, smtp_server: SmtpServer, make_dispatcher: MakeDispatcher
) -> None:
    payload = _put_mail(db, "invite:42:aino", _message())
    dispatcher = make_dispatcher(**_smtp(smtp_server))

    assert dispatcher.run_once() == 1
    assert dispatcher.run_once() == 0

    [received] = smtp_server.received
    assert received.mail_from == "botti@example.org"
    assert received.rcpt_tos == ["aino@example.org", "sven@example.org", "piilo@example.org"]
    assert received.content.rstrip(b"\r\n") == _wire(str(payload["raw"])).rstrip(b"\r\n")
    assert b"Message-ID: <meeting-42.1@osallisuus.example.org>" in received.content
    assert b"piilo@example.org" not in received.content
    item = _item(db, "invite:42:aino")
    assert item.status == "sent" and item.result == {"to": received.rcpt_tos}


def test_a_temporary_refusal_is_retried(
    db: Database, smtp_server: SmtpServer, make_dispatcher: MakeDispatcher, clock: Clock
) -> None:
    _put_mail(db, "m", _message())
    smtp_server.refuse_next(1)
    dispatcher = make_dispatcher(**_smtp(smtp_server))

    assert dispatcher.run_once() == 0
    item = _item(db, "m")
    assert (item.status, item.attempts) == ("pending", 1)
    assert item.next_attempt_at == clock.now + timedelta(seconds=30)
    assert "451" in (item.last_error or "")
    assert smtp_server.received == []

    clock.advance(30)
    assert dispatcher.run_once() == 1
    assert len(smtp_server.received) == 1


def test_mail_that_never_gets_through_fails_and_is_reported(
    db: Database,
    smtp_server: SmtpServer,
    make_dispatcher: MakeDispatcher,
    notices: FailureNotices,
    clock: Clock,
) -> None:
    _put_mail(db, "m", _message())
    smtp_server.refuse_next(10)
    dispatcher = make_dispatcher(**_smtp(smtp_server), outbox_max_attempts=2)

    for _ in range(3):
        dispatcher.run_once()
        clock.advance(3600)

    assert (_item(db, "m").status, _item(db, "m").attempts) == ("failed", 2)
    assert notices.keys == ["m"]


def test_a_crash_while_mailing_sends_again_with_the_same_message_id(
    db: Database, smtp_server: SmtpServer, make_dispatcher: MakeDispatcher
) -> None:
    """The documented window: a crash after the server took the mail sends it again, Message-ID unchanged."""
    _put_mail(db, "m", _message())
    crashed = make_dispatcher(**_smtp(smtp_server))
    claimed = crashed._claim(_item(db, "m").id)
    assert claimed is not None
    crashed._send(claimed)

    restarted = make_dispatcher(**_smtp(smtp_server))
    restarted.recover(alone=True)  # the only process: every claim was the crashed one's
    assert restarted.run_once() == 1

    ids = [r.content.split(b"Message-ID: ")[1].split(b"\r\n")[0] for r in smtp_server.received]
    assert ids == [b"<meeting-42.1@osallisuus.example.org>"] * 2


# --- send_email on its own ------------------------------------------------------------------------


def test_without_smtp_host(settings: Settings) -> None:
    with pytest.raises(MailError, match="SMTP_HOST"):
        send_email(settings.model_copy(update={"smtp_host": None}), "x", "a@example.org", ["b@example.org"])


def test_nobody_listening(settings: Settings) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_starttls": False})
    with pytest.raises(MailError, match="ConnectionRefusedError"):
        send_email(closed, "x", "a@example.org", ["b@example.org"])


def test_starttls_required_but_not_offered(smtp_server: SmtpServer, settings: Settings) -> None:
    with pytest.raises(MailError, match="STARTTLS"):
        send_email(
            _smtp_settings(settings, smtp_server, smtp_starttls=True),
            _message().as_string(),
            "botti@example.org",
            ["aino@example.org"],
        )


@pytest.fixture
def tls_context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ssl.SSLContext:
    """A self-signed certificate for 127.0.0.1, trusted by the client through SSL_CERT_FILE."""
    if shutil.which("openssl") is None:
        pytest.skip("no openssl command to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert)),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def test_starttls_and_login(settings: Settings, tls_context: ssl.SSLContext) -> None:
    with running_smtp("botti", PASSWORD, tls_context) as server:
        secure = _smtp_settings(
            settings, server, smtp_starttls=True, smtp_user="botti", smtp_password=SecretStr(PASSWORD)
        )
        send_email(secure, _message().as_string(), "botti@example.org", ["aino@example.org"])
        assert [r.rcpt_tos for r in server.received] == [["aino@example.org"]]


def test_a_wrong_password_is_an_error_that_does_not_show_it(
    settings: Settings, tls_context: ssl.SSLContext
) -> None:
    wrong = "wrong-" + PASSWORD
    with running_smtp("botti", PASSWORD, tls_context) as server:
        secure = _smtp_settings(
            settings, server, smtp_starttls=True, smtp_user="botti", smtp_password=SecretStr(wrong)
        )
        with pytest.raises(MailError) as raised:
            send_email(secure, _message().as_string(), "botti@example.org", ["aino@example.org"])
        assert "535" in str(raised.value) or "Authentication" in str(raised.value)
        assert wrong not in str(raised.value) and PASSWORD not in str(raised.value)
        assert server.received == []


def test_login_without_tls(settings: Settings) -> None:
    with running_smtp("botti", PASSWORD) as server:
        plain = _smtp_settings(settings, server, smtp_user="botti", smtp_password=SecretStr(PASSWORD))
        send_email(plain, _message().as_string(), "botti@example.org", ["aino@example.org"])
        unauthenticated = _smtp_settings(settings, server)
        with pytest.raises(MailError, match="530"):
            send_email(unauthenticated, _message().as_string(), "botti@example.org", ["aino@example.org"])
        assert len(server.received) == 1
