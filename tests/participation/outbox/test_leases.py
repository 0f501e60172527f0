"""Replicas share the outbox: a claim is a lease. A starting replica leaves another's live claim alone;
once the lease runs out (its dispatcher died), any replica's normal round takes the item over, and looks
the message up before posting it again."""

from __future__ import annotations

from sqlalchemy import select

from config.settings import Settings
from devtools.localslack.server import SlackStandIn
from participation.outbox.items import Kind, enqueue
from participation.storage.db import Database
from participation.storage.models import OutboxItem
from tests.participation.outbox.conftest import Clock, MakeDispatcher
from tests.participation.outbox.say import say


def _put(db: Database, key: str, to: str) -> int:
    with db.session() as session:
        assert enqueue(session, key, Kind.MESSAGE, say(to, "Hei"))
        item = session.scalar(select(OutboxItem).where(OutboxItem.key == key))
        assert item is not None
        return item.id


def _status(db: Database, item_id: int) -> tuple[str, int]:
    with db.session() as session:
        item = session.get(OutboxItem, item_id)
        assert item is not None
        return item.status, item.attempts


def _posts(standin: SlackStandIn, key: str) -> int:
    return sum(
        1
        for call in standin.calls_to("chat.postMessage")
        if (call.args.get("metadata") or {}).get("event_payload", {}).get("key") == key
    )


def test_a_starting_replica_leaves_a_live_claim_alone(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher, clock: Clock, settings: Settings
) -> None:
    item_id = _put(db, "live", "C1")
    assert make_dispatcher()._claim(item_id) is not None  # the first replica is about to send it

    starting = make_dispatcher()
    starting.recover()
    assert starting.run_once() == 0
    clock.advance(settings.outbox_lease_seconds - 1)
    assert starting.run_once() == 0

    assert _status(db, item_id) == ("sending", 1)
    assert _posts(standin, "live") == 0


def test_a_claim_whose_lease_ran_out_is_taken_over_and_looked_up_first(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher, clock: Clock, settings: Settings
) -> None:
    """The first replica posted and was killed before recording it: the other finds the post."""
    posted, unposted = _put(db, "posted", "C1"), _put(db, "unposted", "C2")
    killed = make_dispatcher()
    first = killed._claim(posted)
    assert first is not None and killed._claim(unposted) is not None
    killed._send(first)

    clock.advance(settings.outbox_lease_seconds)
    other = make_dispatcher()
    assert other.run_once() == 2

    assert (_posts(standin, "posted"), _posts(standin, "unposted")) == (1, 1)
    assert _status(db, posted) == ("sent", 2) and _status(db, unposted) == ("sent", 2)
    assert standin.calls_to("conversations.history")
