"""What dispatching costs, counted rather than timed: one Web API call per direct message, and a fixed
number of SQL statements per batch however many items it holds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, select

from devtools.localslack.server import SlackStandIn
from participation.messages import notice
from participation.outbox.items import Kind, enqueue_many, fixed_reply
from participation.storage.db import Database
from participation.storage.models import OutboxItem
from tests.participation.outbox.conftest import MakeDispatcher


def _queue_direct_messages(db: Database, count: int, prefix: str) -> None:
    items = [
        (f"{prefix}:{n}", Kind.MESSAGE, fixed_reply(f"U{prefix.upper()}{n:05d}", notice(f"Hei {n}")))
        for n in range(count)
    ]
    with db.session() as session:
        assert enqueue_many(session, items) == count


@contextmanager
def _statements(db: Database) -> Iterator[list[str]]:
    """Every SQL statement the engine runs meanwhile (an executemany counts once: one round trip)."""
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _batch_cost(db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher, size: int) -> int:
    prefix = f"b{size}"
    _queue_direct_messages(db, size, prefix)
    calls_before = len(standin.calls)
    with _statements(db) as statements:
        done = make_dispatcher().run_round(limit=size)
    assert (done.claimed, done.sent) == (size, size)
    calls = standin.calls[calls_before:]
    assert [call.method for call in calls] == ["chat.postMessage"] * size
    assert sorted(call.args["channel"] for call in calls) == [
        f"U{prefix.upper()}{n:05d}" for n in range(size)
    ]
    return len(statements)


def test_n_direct_messages_are_n_web_api_calls_and_a_few_statements_a_batch(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher
) -> None:
    small = _batch_cost(db, standin, make_dispatcher, 5)
    large = _batch_cost(db, standin, make_dispatcher, 60)

    # Claim and stamp (2), the recipients' languages (2), the outcomes (1): the same for 5 items or 60.
    assert small == large == 5
    with db.session() as session:
        results = session.scalars(select(OutboxItem.result).where(OutboxItem.key.like("b60:%"))).all()
    assert all(str(result["channel"]).startswith("DUB60") for result in results)  # the D… id is kept


def test_each_direct_message_lands_in_its_own_conversation(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher
) -> None:
    _queue_direct_messages(db, 3, "land")

    assert make_dispatcher().run_once() == 3

    assert [m["text"] for m in standin.messages("DULAND00001")] == ["Hei 1"]
