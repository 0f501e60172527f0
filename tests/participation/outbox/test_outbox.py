"""Writing to the outbox: one row per key, only when the causing transaction commits."""

from __future__ import annotations

import base64
import threading
import time
from datetime import timedelta
from email.message import EmailMessage

import pytest
from sqlalchemy import func, select

from participation.messages import Actions, Button, Context, Divider, Header, Reply, Section
from participation.outbox.items import Kind, email, enqueue, file, fixed_reply, message
from participation.outbox.stored import reply_from_json, reply_to_json
from participation.storage.db import Database
from participation.storage.models import OutboxItem, utcnow
from tests.participation.outbox.say import say


def _rows(db: Database) -> list[OutboxItem]:
    with db.session() as session:
        return list(session.scalars(select(OutboxItem).order_by(OutboxItem.id)))


def test_the_same_key_twice_writes_one_row(db: Database) -> None:
    with db.session() as session:
        first = enqueue(session, "welcome:U1", Kind.MESSAGE, say("C1", "Hei"))
    with db.session() as session:
        second = enqueue(session, "welcome:U1", Kind.MESSAGE, say("C1", "Hej"))

    assert (first, second) == (True, False)
    [row] = _rows(db)
    assert (row.key, row.kind, row.status, row.attempts) == ("welcome:U1", "message", "pending", 0)
    assert row.payload == say("C1", "Hei")


def test_the_same_key_twice_in_one_transaction(db: Database) -> None:
    with db.session() as session:
        assert enqueue(session, "k", Kind.MESSAGE, say("C1", "a"))
        assert not enqueue(session, "k", Kind.MESSAGE, say("C1", "b"))
    assert len(_rows(db)) == 1


def test_a_rolled_back_change_leaves_nothing_to_send(db: Database) -> None:
    def failing_change() -> None:
        with db.session() as session:
            assert enqueue(session, "k", Kind.MESSAGE, say("C1", "never"))
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        failing_change()
    assert _rows(db) == []
    with db.session() as session:
        assert enqueue(session, "k", Kind.MESSAGE, say("C1", "now"))


def test_not_before_sets_the_first_attempt(db: Database) -> None:
    later = utcnow() + timedelta(days=3)
    with db.session() as session:
        enqueue(session, "later", Kind.MESSAGE, say("C1", "x"), not_before=later)
    [row] = _rows(db)
    assert row.next_attempt_at == later


def test_racing_transactions_with_one_key_write_one_row(db: Database) -> None:
    """The second writer waits for the first to commit, then finds the key taken: no error, no second row."""
    outcome: list[bool] = []

    def second_writer() -> None:
        with db.session() as session:
            outcome.append(enqueue(session, "race", Kind.MESSAGE, say("C1", "second")))

    with db.session() as session:
        assert enqueue(session, "race", Kind.MESSAGE, say("C1", "first"))
        thread = threading.Thread(target=second_writer)
        thread.start()
        time.sleep(0.3)
        assert outcome == []
    thread.join(timeout=10)

    assert outcome == [False]
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(OutboxItem)) == 1
    assert _rows(db)[0].payload == say("C1", "first")


def test_payload_builders_hold_no_slack_json() -> None:
    assert message("U1", "deadline.reminder", {"deadline": "d1", "indicator": "x"}, thread="1.2") == {
        "to": "U1",
        "message": "deadline.reminder",
        "args": {"deadline": "d1", "indicator": "x"},
        "thread": "1.2",
    }
    fixed = fixed_reply("U1", Reply([Header("Otsikko"), Section("t", Button("B", "act", "1"))]))
    assert fixed == {
        "to": "U1",
        "reply": {
            "parts": [
                {"type": "header", "text": "Otsikko"},
                {
                    "type": "section",
                    "text": "t",
                    "button": {"label": "B", "action_id": "act", "value": "1", "primary": False},
                },
            ],
            "error": False,
        },
    }
    assert "blocks" not in str(fixed)
    content = bytes(range(256))
    payload = file("C1", "raportti.pdf", content, "Raportti", comment="Tässä")
    assert base64.b64decode(payload["content"]) == content
    assert payload["comment"] == "Tässä"
    assert "comment" not in file("C1", "a.txt", b"a", "A")


def test_a_stored_reply_comes_back_as_it_was() -> None:
    reply = Reply(
        [
            Header("H"),
            Section("s"),
            Context("c"),
            Divider(),
            Actions((Button("Yes", "y", "1", primary=True),)),
        ],
        error=True,
    )
    assert reply_from_json(reply_to_json(reply)) == reply


def test_email_payload_keeps_message_id_and_hides_bcc() -> None:
    message = EmailMessage()
    message["From"] = "Osallisuusbotti <botti@example.org>"
    message["To"] = "Aino <aino@example.org>, sven@example.org"
    message["Cc"] = "emma@example.org"
    message["Bcc"] = "hidden@example.org"
    message["Subject"] = "Kokouskutsu"
    message["Message-ID"] = "<meeting-1@example.org>"
    message.set_content("Tervetuloa kokoukseen.")

    payload = email(message)

    assert payload["from"] == "botti@example.org"
    assert payload["to"] == ["aino@example.org", "sven@example.org", "emma@example.org", "hidden@example.org"]
    assert "Message-ID: <meeting-1@example.org>" in payload["raw"]
    assert "hidden@example.org" not in payload["raw"]
    assert message["Bcc"] == "hidden@example.org", "the caller's message is left as it was"


def test_email_payload_gets_a_message_id_when_it_has_none() -> None:
    message = EmailMessage()
    message["From"] = "botti@example.org"
    message["To"] = "aino@example.org"
    message.set_content("x")
    raw = email(message)["raw"]
    assert "Message-ID: <" in raw and "@example.org>" in raw


def test_email_payload_needs_sender_and_recipients() -> None:
    message = EmailMessage()
    message["To"] = "aino@example.org"
    with pytest.raises(ValueError, match="From"):
        email(message)
    del message["To"]
    message["From"] = "botti@example.org"
    with pytest.raises(ValueError, match="recipient"):
        email(message)
