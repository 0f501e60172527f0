"""The dispatcher against the Slack stand-in: sent once, retried when Slack says so, failed when it must."""

from __future__ import annotations

import os
import threading
from datetime import timedelta

import pytest
from slack_sdk import WebClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.transport import SlackTransport
from config.settings import Settings
from devtools.localslack.server import SlackStandIn
from participation.outbox.dispatcher import Dispatcher
from participation.outbox.items import Kind, enqueue, file
from participation.storage.db import Database
from participation.storage.models import OutboxItem
from tests.conftest import COORDINATOR
from tests.participation.outbox.conftest import CLIENT_TIMEOUT, Clock, FailureNotices, MakeDispatcher
from tests.participation.outbox.say import say


def _put(db: Database, key: str, payload: dict[str, object], kind: Kind = Kind.MESSAGE) -> None:
    with db.session() as session:
        assert enqueue(session, key, kind, payload)


def _item(db: Database, key: str) -> OutboxItem:
    with db.session() as session:
        item = session.scalar(select(OutboxItem).where(OutboxItem.key == key))
        assert item is not None
        return item


def _posted_with_key(standin: SlackStandIn, key: str) -> list[str]:
    """The channel of every chat.postMessage the stand-in received carrying this outbox key."""
    return [
        str(call.args.get("channel"))
        for call in standin.calls_to("chat.postMessage")
        if (call.args.get("metadata") or {}).get("event_payload", {}).get("key") == key
    ]


# --- sending --------------------------------------------------------------------------------------


def test_a_channel_message_is_sent_and_marked(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher, clock: Clock
) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Hei*"}}]
    _put(db, "m1", say("C0NETWORK", "*Hei*"))

    assert make_dispatcher().run_once() == 1

    [message] = standin.messages("C0NETWORK")
    assert (message["text"], message["blocks"]) == ("*Hei*", blocks)
    assert message["metadata"] == {"event_type": "osallisuus_outbox", "event_payload": {"key": "m1"}}
    item = _item(db, "m1")
    assert (item.status, item.attempts, item.sent_at) == ("sent", 1, clock.now)
    assert item.result == {"channel": "C0NETWORK", "ts": message["ts"]}


def test_a_direct_message_is_one_call_to_the_person(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher
) -> None:
    """chat.postMessage takes the user id as its channel; Slack's answer names the D… id it went to."""
    _put(db, "dm1", say("UFI00001", "Muistutus"))

    assert make_dispatcher().run_once() == 1

    assert [call.method for call in standin.calls] == ["chat.postMessage"]
    assert standin.calls[0].args["channel"] == "UFI00001"
    assert [m["text"] for m in standin.messages("DUFI00001")] == ["Muistutus"]
    assert _item(db, "dm1").result == {"channel": "DUFI00001", "ts": standin.messages("DUFI00001")[0]["ts"]}


def test_a_file_arrives_intact(db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher) -> None:
    content = os.urandom(4096) + bytes(range(256))
    _put(
        db,
        "f1",
        file("C0NETWORK", "raportti.pdf", content, "Raportti", "Vuoden raportti"),
        Kind.FILE,
    )

    assert make_dispatcher().run_once() == 1

    [asked] = standin.calls_to("files.getUploadURLExternal")
    assert (asked.args["filename"], asked.args["length"]) == ("raportti.pdf", str(len(content)))
    [completed] = standin.calls_to("files.completeUploadExternal")
    assert (completed.args["channel_id"], completed.args["initial_comment"]) == (
        "C0NETWORK",
        "Vuoden raportti",
    )
    file_id = _item(db, "f1").result["file_id"]  # type: ignore[index]
    assert standin.uploaded(file_id) == content
    assert standin.calls_to("upload")[0].args == {"file_id": file_id, "size": len(content)}


def test_running_twice_sends_once(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher
) -> None:
    _put(db, "once", say("C1", "Vain kerran"))
    dispatcher = make_dispatcher()

    assert dispatcher.run_once() == 1
    assert dispatcher.run_once() == 0
    assert make_dispatcher().run_once() == 0
    with db.session() as session:
        assert not enqueue(session, "once", Kind.MESSAGE, say("C1", "Vain kerran"))
    assert dispatcher.run_once() == 0

    assert len(standin.calls_to("chat.postMessage")) == 1


def test_items_wait_for_their_time(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher, clock: Clock
) -> None:
    with db.session() as session:
        enqueue(session, "later", Kind.MESSAGE, say("C1", "x"), clock.now + timedelta(hours=1))
    dispatcher = make_dispatcher()

    assert dispatcher.run_once() == 0
    clock.advance(3600)
    assert dispatcher.run_once() == 1


def test_two_dispatchers_at_once_send_each_item_once(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher
) -> None:
    channels = ["C1", "C2", "C3", "C4"]  # three each: within Slack's burst, so the transport never waits
    for number in range(12):
        _put(db, f"many:{number}", say(channels[number % 4], str(number)))
    dispatchers = [make_dispatcher(), make_dispatcher()]
    counts: list[int] = []
    threads = [threading.Thread(target=lambda d=d: counts.append(d.run_once())) for d in dispatchers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sum(counts) == 12
    posted = [m["text"] for channel in channels for m in standin.messages(channel)]
    assert sorted(posted) == sorted(str(n) for n in range(12))


# --- retries --------------------------------------------------------------------------------------


def test_rate_limited_waits_for_retry_after(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher, clock: Clock
) -> None:
    _put(db, "rl", say("C1", "x"))
    standin.fail_next("chat.postMessage", 429, retry_after=7)
    dispatcher = make_dispatcher()

    assert dispatcher.run_once() == 0
    item = _item(db, "rl")
    assert (item.status, item.attempts, item.next_attempt_at) == (
        "pending",
        1,
        clock.now + timedelta(seconds=7),
    )
    assert "429" in (item.last_error or "")

    clock.advance(6)
    assert dispatcher.run_once() == 0
    assert len(standin.calls_to("chat.postMessage")) == 1
    clock.advance(1)
    assert dispatcher.run_once() == 1
    assert len(standin.messages("C1")) == 1
    assert _item(db, "rl").status == "sent"


def test_rate_limited_stops_the_round(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher
) -> None:
    _put(db, "first", say("C1", "1"))
    _put(db, "second", say("C1", "2"))
    standin.fail_next("chat.postMessage", 429, retry_after=5)

    assert make_dispatcher().run_once() == 0

    assert len(standin.calls_to("chat.postMessage")) == 1
    assert (_item(db, "second").status, _item(db, "second").attempts) == ("pending", 0)


def test_server_errors_back_off_exponentially(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher, clock: Clock
) -> None:
    _put(db, "5xx", say("C1", "x"))
    standin.fail_next("chat.postMessage", 500)
    standin.fail_next("chat.postMessage", 503)
    dispatcher = make_dispatcher()

    assert dispatcher.run_once() == 0
    assert _item(db, "5xx").next_attempt_at == clock.now + timedelta(seconds=30)
    clock.advance(30)
    assert dispatcher.run_once() == 0
    assert _item(db, "5xx").next_attempt_at == clock.now + timedelta(seconds=60)
    clock.advance(60)
    assert dispatcher.run_once() == 1
    assert len(standin.messages("C1")) == 1


def test_a_time_out_that_did_post_is_not_posted_again(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher, clock: Clock
) -> None:
    """Slack took too long but did post: the retry finds the message by its key instead of posting again."""
    _put(db, "slow", say("C1", "x"))
    standin.delay_next("chat.postMessage", CLIENT_TIMEOUT + 0.5)
    dispatcher = make_dispatcher()

    assert dispatcher.run_once() == 0
    item = _item(db, "slow")
    assert item.status == "pending" and "timed out" in (item.last_error or "")
    standin.wait_for("chat.postMessage")

    clock.advance(30)
    assert dispatcher.run_once() == 1
    assert len(standin.calls_to("chat.postMessage")) == 1
    assert _item(db, "slow").result == {"channel": "C1", "ts": standin.messages("C1")[0]["ts"]}


def test_a_failed_direct_message_is_looked_for_then_posted_once(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher, clock: Clock
) -> None:
    """Slack did not take the post (503): the retry, in doubt, looks in the direct conversation (opening
    it to learn its D… id, unknown since no post answered), finds nothing and posts once."""
    _put(db, "slow-post", say("UEN00001", "x"))
    standin.fail_next("chat.postMessage", 503)
    dispatcher = make_dispatcher()

    assert dispatcher.run_once() == 0
    assert _item(db, "slow-post").status == "pending"
    clock.advance(30)
    assert dispatcher.run_once() == 1
    assert [c.args["users"] for c in standin.calls_to("conversations.open")] == ["UEN00001"]
    assert len(standin.messages("DUEN00001")) == 1


def test_a_failed_upload_is_retried(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher, clock: Clock
) -> None:
    _put(db, "f", file("C1", "a.bin", b"\x00\xff" * 100, "A"), Kind.FILE)
    standin.fail_next("upload", 500)
    dispatcher = make_dispatcher()

    assert dispatcher.run_once() == 0
    clock.advance(30)
    assert dispatcher.run_once() == 1
    assert standin.uploaded(_item(db, "f").result["file_id"]) == b"\x00\xff" * 100  # type: ignore[index]


# --- failing for good -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["channel_not_found", "not_in_channel", "invalid_blocks", "user_not_found"])
def test_a_permanent_error_fails_at_once_and_tells_the_coordinators(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher, notices: FailureNotices, code: str
) -> None:
    _put(db, "bad", say("C0GONE", "x"))
    standin.error_next("chat.postMessage", code)

    assert make_dispatcher().run_once() == 0

    item = _item(db, "bad")
    assert (item.status, item.attempts) == ("failed", 1)
    assert code in (item.last_error or "")
    assert notices.keys == ["bad"]
    notice = _item(db, "failed:bad")
    assert notice.payload["to"] == COORDINATOR and code in str(notice.payload["reply"])


def test_a_client_error_status_fails_at_once(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher, notices: FailureNotices
) -> None:
    _put(db, "404", say("C1", "x"))
    standin.fail_next("chat.postMessage", 404)

    make_dispatcher().run_once()

    assert _item(db, "404").status == "failed"
    assert notices.keys == ["404"]


def test_an_unreadable_payload_fails_at_once(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher, notices: FailureNotices
) -> None:
    _put(db, "no-text", {"to": "C1"})
    _put(db, "no-base64", {**file("C1", "a", b"a", "A"), "content": "***"}, Kind.FILE)

    make_dispatcher().run_once()

    assert [_item(db, key).status for key in ("no-text", "no-base64")] == ["failed", "failed"]
    assert notices.keys == ["no-text", "no-base64"]
    assert standin.calls_to("chat.postMessage") == []


def test_the_last_attempt_fails_and_tells_once(
    db: Database,
    standin: SlackStandIn,
    make_dispatcher: MakeDispatcher,
    notices: FailureNotices,
    clock: Clock,
) -> None:
    _put(db, "doomed", say("C1", "x"))
    standin.fail_next("chat.postMessage", 500, times=3)
    dispatcher = make_dispatcher(outbox_max_attempts=3)

    for _ in range(5):
        dispatcher.run_once()
        clock.advance(3600)

    item = _item(db, "doomed")
    assert (item.status, item.attempts) == ("failed", 3)
    assert len([c for c in standin.calls_to("chat.postMessage") if c.args["channel"] == "C1"]) == 3
    assert standin.messages("C1") == []
    assert notices.keys == ["doomed"]
    [notice] = standin.messages("D" + COORDINATOR)
    assert "doomed" in notice["text"] and "HTTP 500" in notice["text"]


def test_without_an_on_failed_hook_the_item_still_fails(
    db: Database, standin: SlackStandIn, client: WebClient, settings: Settings, clock: Clock
) -> None:
    _put(db, "bad", say("C1", "x"))
    standin.error_next("chat.postMessage", "channel_not_found")

    Dispatcher(db, SlackTransport(client), settings, now=clock).run_once()

    assert _item(db, "bad").status == "failed"


def test_a_broken_on_failed_hook_still_leaves_the_item_failed(
    db: Database, standin: SlackStandIn, client: WebClient, settings: Settings, clock: Clock
) -> None:
    def broken(session: Session, item: OutboxItem) -> None:
        enqueue(session, "half-written", Kind.MESSAGE, say("C1", "x"))
        raise RuntimeError("bug in the hook")

    _put(db, "bad", say("C1", "x"))
    _put(db, "good", say("C1", "y"))
    standin.error_next("chat.postMessage", "channel_not_found")

    assert Dispatcher(db, SlackTransport(client), settings, now=clock, on_failed=broken).run_once() == 1

    assert (_item(db, "bad").status, _item(db, "good").status) == ("failed", "sent")
    with db.session() as session:
        assert session.scalar(select(OutboxItem).where(OutboxItem.key == "half-written")) is None


def test_the_callers_client_keeps_its_retry_handlers(
    client: WebClient, make_dispatcher: MakeDispatcher
) -> None:
    handlers = list(client.retry_handlers)
    assert handlers, "the SDK gives a client a connection-error handler by default"
    make_dispatcher()
    assert client.retry_handlers == handlers


# --- after a crash --------------------------------------------------------------------------------


@pytest.mark.parametrize("thread_ts", [None, "1700000000.000100"])
def test_a_crash_after_posting_sends_nothing_more(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher, thread_ts: str | None
) -> None:
    """The first dispatcher claimed and posted, then died before recording it; the next one finds the post."""
    _put(db, "crash", say("C1", "x", thread_ts=thread_ts))
    crashed = make_dispatcher()
    claimed = crashed._claim(_item(db, "crash").id)
    assert claimed is not None
    crashed._send(claimed)
    assert _item(db, "crash").status == "sending"

    restarted = make_dispatcher()
    restarted.recover(alone=True)  # the only process: every claim was the crashed one's
    assert restarted.run_once() == 0

    assert len(_posted_with_key(standin, "crash")) == 1
    item = _item(db, "crash")
    assert (item.status, item.result) == ("sent", {"channel": "C1", "ts": standin.messages("C1")[0]["ts"]})


def test_a_crash_before_posting_sends_once(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher
) -> None:
    _put(db, "crash", say("UFI00001", "x"))
    assert make_dispatcher()._claim(_item(db, "crash").id) is not None

    restarted = make_dispatcher()
    restarted.recover(alone=True)  # the only process: every claim was the crashed one's
    assert _item(db, "crash").status == "pending"
    assert restarted.run_once() == 1
    restarted.recover(alone=True)  # the only process: every claim was the crashed one's
    assert restarted.run_once() == 0

    assert len(_posted_with_key(standin, "crash")) == 1
    assert _item(db, "crash").status == "sent"


def test_recovery_when_slack_cannot_be_asked(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher
) -> None:
    """History unavailable at start-up: back to pending, and the retry looks again before posting."""
    _put(db, "crash", say("C1", "x"))
    crashed = make_dispatcher()
    claimed = crashed._claim(_item(db, "crash").id)
    assert claimed is not None
    crashed._send(claimed)
    standin.fail_next("conversations.history", 503)

    restarted = make_dispatcher()
    restarted.recover(alone=True)  # the only process: every claim was the crashed one's
    assert _item(db, "crash").status == "pending"
    restarted.run_once()

    assert len(_posted_with_key(standin, "crash")) == 1
    assert _item(db, "crash").status == "sent"


def test_a_crashed_file_goes_back_to_pending(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher
) -> None:
    _put(db, "file", file("C1", "a.txt", b"abc", "A"), Kind.FILE)
    assert make_dispatcher()._claim(_item(db, "file").id) is not None

    restarted = make_dispatcher()
    restarted.recover(alone=True)  # the only process: every claim was the crashed one's
    assert restarted.run_once() == 1
    assert _item(db, "file").attempts == 2
