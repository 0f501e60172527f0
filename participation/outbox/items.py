"""Writing to the outbox: every message, file and e-mail the bot sends starts as a row here.

A row says what is to be said and to whom, never how Slack draws it: a message is named with its
arguments and composed in the recipient's language when it is sent, and `bot/transport.py` renders it.

The row is written in the caller's transaction, so it exists exactly when the change that causes it does:
a rolled-back change sends nothing, a committed one is sent by the dispatcher even after a restart. The
idempotency key makes a repeated cause (a retried job, a double click) write nothing the second time.
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from email.utils import getaddresses, make_msgid, parseaddr
from enum import StrEnum
from typing import Any

from sqlalchemy import BindParameter, Table, Text, bindparam, cast, func, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from participation.messages import Reply
from participation.outbox.stored import reply_to_json
from participation.storage.models import OutboxItem, utcnow

# Rows per INSERT. On SQLite, 7 bound parameters a row: 7,000 is well inside the limit of 32,766 of
# every SQLite with RETURNING (3.35 on). On PostgreSQL, three arrays of this length.
BATCH = 1000


class Kind(StrEnum):
    MESSAGE = "message"  # something to say to a person or in a channel, in the recipient's language
    FILE = "file"  # a file to share in a conversation
    EMAIL = "email"  # an e-mail frozen as it goes on the wire
    # Items queued by versions before the neutral outbox held Slack's own JSON; still delivered.
    LEGACY_SLACK_MESSAGE = "slack.message"
    LEGACY_SLACK_FILE = "slack.file"


def enqueue(
    session: Session,
    key: str,
    kind: Kind,
    payload: dict[str, Any],
    not_before: datetime | None = None,
) -> bool:
    """Add an item in the caller's transaction; False, and nothing written, when the key exists already."""
    return enqueue_many(session, [(key, kind, payload)], not_before) == 1


def enqueue_many(
    session: Session, items: list[tuple[str, Kind, dict[str, Any]]], not_before: datetime | None = None
) -> int:
    """Add many items in the caller's transaction, a few statements for thousands; how many were new.

    INSERT … ON CONFLICT DO NOTHING rather than look-then-insert, so two transactions racing with the same
    key cannot both write it, and the loser's transaction is not spoilt by a unique-constraint error.
    RETURNING tells which rows were written: drivers do not all report a rowcount for this statement.
    One INSERT per `BATCH` items, each a Core statement on the table: no ORM bookkeeping per row, and
    no statement compiled anew per batch, which was most of the time of a run for 10,000 owners.
    """
    if not items:
        return 0
    session.flush()  # what the caller added first is written first, as an ORM statement would autoflush
    now = utcnow()
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        batches = (items[start : start + BATCH] for start in range(0, len(items), BATCH))
        return sum(_insert_unnested(session, batch, not_before or now, now) for batch in batches)
    if dialect == "sqlite":
        return _insert_many_values(session, items, not_before or now, now)
    raise NotImplementedError(f"the outbox has no conflict-free insert for the {dialect} dialect")


_TABLE: Table = OutboxItem.__table__  # type: ignore[assignment]  # a mapped class's table is a Table
_COLUMNS = ("key", "kind", "payload", "status", "attempts", "next_attempt_at", "created_at")


def _insert_many_values(
    session: Session, items: list[tuple[str, Kind, dict[str, Any]]], due: datetime, now: datetime
) -> int:
    """SQLite: one executemany, which SQLAlchemy sends as multi-row INSERTs of `BATCH` rows
    ("insertmanyvalues"), compiled once."""
    rows = [
        dict(zip(_COLUMNS, (key, str(kind), payload, "pending", 0, due, now), strict=True))
        for key, kind, payload in items
    ]
    statement = (
        sqlite.insert(_TABLE)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(_TABLE.c.id)
        .execution_options(insertmanyvalues_page_size=BATCH)
    )
    return len(session.execute(statement, rows).all())


def _insert_unnested(
    session: Session, items: list[tuple[str, Kind, dict[str, Any]]], due: datetime, now: datetime
) -> int:
    """PostgreSQL: the batch's keys, kinds and payloads as three arrays, unnested in their order. Seven
    placeholders a row made the driver spend more time parsing the statement than the server running it."""
    rows = (
        func.unnest(
            _texts("keys", [key for key, _, _ in items]),
            _texts("kinds", [str(kind) for _, kind, _ in items]),
            _texts("payloads", [json.dumps(payload) for _, _, payload in items]),
        )
        .table_valued("key", "kind", "payload", with_ordinality="position")
        .render_derived()
    )
    values = select(
        rows.c.key,
        rows.c.kind,
        cast(rows.c.payload, _TABLE.c.payload.type),
        literal("pending"),
        literal(0),
        literal(due, _TABLE.c.next_attempt_at.type),
        literal(now, _TABLE.c.created_at.type),
    ).order_by(rows.c.position)
    statement = (
        postgresql.insert(_TABLE)
        .from_select(_COLUMNS, values)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(_TABLE.c.id)
    )
    return len(session.execute(statement).all())


def _texts(name: str, values: Sequence[str]) -> BindParameter[Sequence[str]]:
    return bindparam(name, values, type_=postgresql.ARRAY(Text))


def message(to: str, name: str, args: dict[str, Any], thread: str | None = None) -> dict[str, Any]:
    """A message that is composed when it is sent, in the recipient's language then.

    `to` is a user id (a direct message), a channel id or a direct-message id; `name` and `args` say
    which message, for `participation.notices.compose`: plain values only, since the payload is JSON.
    """
    payload: dict[str, Any] = {"to": to, "message": name, "args": args}
    if thread is not None:
        payload["thread"] = thread
    return payload


def fixed_reply(to: str, reply: Reply, thread: str | None = None) -> dict[str, Any]:
    """A reply already written for its one reader: the answer to a click or a form, say."""
    payload: dict[str, Any] = {"to": to, "reply": reply_to_json(reply)}
    if thread is not None:
        payload["thread"] = thread
    return payload


def file(
    to: str,
    filename: str,
    content: bytes,
    title: str,
    comment: str | None = None,
    more: Sequence[tuple[str, bytes, str]] = (),
) -> dict[str, Any]:
    """A file to share, with `more` (filename, bytes, title) in the same message; the bytes go
    base64-encoded, since the payload is stored as JSON."""
    payload: dict[str, Any] = {
        "to": to,
        "filename": filename,
        "content": base64.b64encode(content).decode("ascii"),
        "title": title,
    }
    if comment is not None:
        payload["comment"] = comment
    if more:
        payload["more"] = [
            {"filename": name, "content": base64.b64encode(data).decode("ascii"), "title": heading}
            for name, data, heading in more
        ]
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
