"""A whole network answering a poll at once: a poll sent to 500 people, and each of them clicking a
rating, 50 at a time, as signed `block_actions` through the bot's real HTTP path. Timed until the
acknowledgement (what Slack waits for); then, once the work after it is done, the answers counted: all
500 must be there. The baseline app acknowledges the same clicks with a bare `ack()`."""

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from sqlalchemy import func, insert, select

from config.settings import Settings
from devtools.bench.load import TIMEOUT, Burst, settled
from devtools.bench.serving import bot, served
from devtools.localslack.payloads import block_actions, signed_headers
from devtools.localslack.server import SlackStandIn
from participation.polls.answers import tally_rows
from participation.storage.db import Database
from participation.storage.models import Poll, PollRecipient, PollTally

PEOPLE = 500
CONCURRENCY = 50


def people() -> list[str]:
    return [f"UCLICK{n:03d}" for n in range(PEOPLE)]


def add_people(standin: SlackStandIn) -> None:
    """The people asked, in the stand-in's workspace, so the bot's directory knows them."""
    for user in people():
        standin.add_user(user, f"Clicker {user[-3:]}")


def poll_for_everyone(settings: Settings) -> int:
    """An open poll sent to the 500 people, as `open_poll` leaves it (the questions are not sent here)."""
    now = dt.datetime.now(dt.UTC)
    db = Database(settings.database_url)
    db.upgrade()
    try:
        with db.session() as session:
            poll = Poll(
                kind="training", title="Bench training", event_date=now.date(), status="open",
                opened_at=now, remind_at=now + dt.timedelta(days=2), closes_at=now + dt.timedelta(days=7),
                min_answers=3, created_by="UBENCH",
            )  # fmt: skip
            session.add(poll)
            session.flush()
            session.execute(insert(PollTally), tally_rows(poll.id, {}))
            session.execute(
                insert(PollRecipient),
                [{"poll_id": poll.id, "slack_user_id": user, "answered": False} for user in people()],
            )
            return poll.id
    finally:
        db.dispose()


def click_burst(url: str, secret: str, poll_id: int, standin: SlackStandIn) -> Burst:
    """Every person clicks once, `CONCURRENCY` at a time; each timed until its acknowledgement."""
    assert url.startswith("http://127.0.0.1:"), url
    settled()
    times: list[float] = []
    failed = 0
    lock = threading.Lock()

    def one(number: int) -> None:
        nonlocal failed
        rating = 1 + number % 5
        action = {"action_id": f"poll_answer_{rating}", "value": f"{poll_id}::{rating}"}
        user = people()[number]
        body, content_type = block_actions(user, action, standin.response_url(), channel_id=f"D{user}")
        headers = {"Content-Type": content_type, **signed_headers(secret, body)}
        started = time.perf_counter()
        try:
            ok = requests.post(f"{url}/slack/events", data=body.encode(), headers=headers, timeout=TIMEOUT).ok
        except requests.RequestException:
            ok = False
        with lock:
            if ok:
                times.append((time.perf_counter() - started) * 1000)
            else:
                failed += 1

    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(one, range(PEOPLE)))
    return Burst(times, 0, failed)


def clicks(settings: Settings, secret: str, standin: SlackStandIn, baseline: str) -> tuple[Burst, Burst, int]:
    """The bot's burst, the baseline's under the same burst, and the answers the bot recorded."""
    poll_id = poll_for_everyone(settings)
    with bot(settings) as (runtime, web), served(web) as url:
        mine = click_burst(url, secret, poll_id, standin)
        runtime.settle(timeout=120)  # the bot's work after its acks is done before the baseline's turn
        floor = click_burst(baseline, secret, poll_id, standin)
        with runtime.db.session() as session:
            counted = session.scalar(select(func.sum(PollTally.answers)).where(PollTally.poll_id == poll_id))
    return mine, floor, int(counted or 0)
