"""Writing to the outbox: every Slack message, file and e-mail the bot sends starts as a row here.

The row is written in the caller's transaction, so it exists exactly when the change that causes it does:
a rolled-back change sends nothing, a committed one is sent by the dispatcher even after a restart. The
idempotency key makes a repeated cause (a retried job, a double click) write nothing the second time.
"""

from __future__ import annotations

import base64
import copy
from datetime import datetime
from email.message import EmailMessage
from email.utils import getaddresses, make_msgid, parseaddr
from enum import StrEnum
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from participation.storage.models import OutboxItem, utcnow


class Kind(StrEnum):
    SLACK_MESSAGE = "slack.message"
    SLACK_FILE = "slack.file"
    EMAIL = "email"


def enqueue(
    session: Session,
    key: str,
    kind: Kind,
    payload: dict[str, Any],
    not_before: datetime | None = None,
) -> bool:
    """Add an item in the caller's transaction; False, and nothing written, when the key exists already.

    INSERT … ON CONFLICT DO NOTHING rather than look-then-insert, so two transactions racing with the same
    key cannot both write it, and the loser's transaction is not spoilt by a unique-constraint error.
    RETURNING tells whether the row was written: drivers do not all report a rowcount for this statement.
    """
    values = {
        "key": key,
        "kind": str(kind),
        "payload": payload,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": not_before or utcnow(),
        "created_at": utcnow(),
    }
    statement = (
        _insert_for(session)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(OutboxItem.id)
    )
    return session.execute(statement).first() is not None


def _insert_for(session: Session) -> postgresql.Insert | sqlite.Insert:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(OutboxItem)
    if dialect == "sqlite":
        return sqlite.insert(OutboxItem)
    raise NotImplementedError(f"the outbox has no conflict-free insert for the {dialect} dialect")


def slack_message(
    channel: str,
    text: str,
    blocks: list[dict[str, Any]] | None = None,
    thread_ts: str | None = None,
) -> dict[str, Any]:
    """A chat.postMessage payload; `channel` may be a user id (U…), which the dispatcher turns into a DM.

    `text` is always kept: Slack shows it in notifications and to screen readers even when blocks exist.
    """
    payload: dict[str, Any] = {"channel": channel, "text": text}
    if blocks is not None:
        payload["blocks"] = blocks
    if thread_ts is not None:
        payload["thread_ts"] = thread_ts
    return payload


def slack_file(
    channel: str,
    filename: str,
    content: bytes,
    title: str,
    initial_comment: str | None = None,
) -> dict[str, Any]:
    """A file to share in a channel; the bytes go base64-encoded, since the payload is stored as JSON."""
    payload: dict[str, Any] = {
        "channel": channel,
        "filename": filename,
        "content": base64.b64encode(content).decode("ascii"),
        "title": title,
    }
    if initial_comment is not None:
        payload["initial_comment"] = initial_comment
    return payload


def email(message: EmailMessage) -> dict[str, Any]:
    """The message as it will go on the wire, with its envelope, frozen now so every attempt is identical.

    The Message-ID is kept (and made up here if missing): it is how mail clients recognise a message that
    a crash made us send twice. Bcc recipients get the message but are taken out of its headers.
    """
    sender = parseaddr(str(message.get("From", "")))[1]
    if not sender:
        raise ValueError("an e-mail for the outbox needs a From address")
    recipients = [address for _, address in getaddresses(_recipient_headers(message)) if address]
    if not recipients:
        raise ValueError("an e-mail for the outbox needs at least one recipient")
    wire = copy.deepcopy(message)
    del wire["Bcc"]
    if wire["Message-ID"] is None:
        wire["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    return {"to": recipients, "from": sender, "raw": wire.as_string()}


def _recipient_headers(message: EmailMessage) -> list[str]:
    return [str(value) for name in ("To", "Cc", "Bcc") for value in message.get_all(name, [])]
