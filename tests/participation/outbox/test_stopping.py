"""A stopping process (SIGTERM) starts no more sends: the batch ends with the send in flight, and what it
had claimed but not tried is pending again, as it was, for this or another replica to send once."""

from __future__ import annotations

from sqlalchemy import select

from devtools.localslack.server import SlackStandIn
from participation.outbox.items import Kind, enqueue
from participation.storage.db import Database
from participation.storage.models import OutboxItem
from tests.participation.outbox.conftest import MakeDispatcher
from tests.participation.outbox.say import say


def _statuses(db: Database) -> dict[str, tuple[str, int]]:
    with db.session() as session:
        return {item.key: (item.status, item.attempts) for item in session.scalars(select(OutboxItem))}


def test_a_stop_between_sends_gives_the_rest_of_the_batch_back(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher
) -> None:
    with db.session() as session:
        for n in range(5):
            assert enqueue(session, f"stop:{n}", Kind.MESSAGE, say("C1", f"viesti {n}"))
    dispatcher = make_dispatcher()

    def stopping() -> bool:  # SIGTERM arrives while the second message is being posted
        return len(standin.calls_to("chat.postMessage")) >= 2

    done = dispatcher.run_round(stopping=stopping)

    assert (done.claimed, done.sent) == (5, 2)
    assert [m["text"] for m in standin.messages("C1")] == ["viesti 0", "viesti 1"]
    assert _statuses(db) == {
        "stop:0": ("sent", 1),
        "stop:1": ("sent", 1),
        "stop:2": ("pending", 0),
        "stop:3": ("pending", 0),
        "stop:4": ("pending", 0),
    }
    assert make_dispatcher().run_once() == 3  # after the restart: each of the rest once, in order
    assert [m["text"] for m in standin.messages("C1")] == [f"viesti {n}" for n in range(5)]
