"""The plan's satisfaction indicators, computed from the year's closed polls: the average over all their
answers, met when it reaches the target; and the same figure in `/osallisuus status`."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import insert

from devtools.localslack.server import SlackStandIn
from participation.plan.progress import State
from participation.polls.answers import tally_rows
from participation.polls.indicators import satisfaction_progress
from participation.storage.db import Database
from participation.storage.models import Poll, PollTally
from tests.conftest import COORDINATOR
from tests.participation.polls.support import click, close_poll, hold_meeting, open_poll
from tests.support.clock import HELSINKI, Clock, helsinki
from tests.support.network import CHANNEL
from tests.support.running import RunningBot, texts

NOW = helsinki(2026, 2, 1, 12)


def _poll(
    db: Database,
    day: dt.date,
    ratings: list[int],
    kind: str = "meeting",
    status: str = "closed",
    closes_at: dt.datetime | None = None,
) -> None:
    opened = dt.datetime.combine(day, dt.time(15, 30), tzinfo=HELSINKI)
    with db.session() as session:
        poll = Poll(
            kind=kind,
            title=f"{kind} {day}",
            event_date=day,
            status=status,
            opened_at=opened,
            remind_at=opened + dt.timedelta(days=2),
            closes_at=closes_at or opened + dt.timedelta(days=7),
            min_answers=3,
            created_by=COORDINATOR,
        )
        session.add(poll)
        session.flush()
        session.execute(insert(PollTally), tally_rows(poll.id, Counter(ratings)))


def _progress(db: Database, year: int, kind: str = "meeting", now: dt.datetime = NOW) -> object:
    with db.session() as session:
        return satisfaction_progress(session, year, kind, now, HELSINKI, "en", 4.0)


def test_no_closed_poll_is_not_yet_reported(db: Database) -> None:
    assert _progress(db, 2025).state == State.NOT_REPORTED  # type: ignore[attr-defined]
    _poll(db, dt.date(2025, 3, 10), [5, 5, 5], status="open", closes_at=NOW + dt.timedelta(days=1))
    assert _progress(db, 2025).state == State.NOT_REPORTED  # type: ignore[attr-defined]


def test_the_figure_is_the_average_over_every_answer_of_the_years_closed_polls(db: Database) -> None:
    _poll(db, dt.date(2025, 3, 10), [5, 5, 4, 4])  # 4.5
    _poll(db, dt.date(2025, 9, 15), [3, 4, 4, 4, 3, 4])  # 3.67: the pooled average is 4.0, not 4.08
    _poll(db, dt.date(2025, 11, 20), [1, 1, 1], status="open", closes_at=NOW + dt.timedelta(days=3))
    _poll(db, dt.date(2024, 12, 31), [1, 1, 1])  # another year
    _poll(db, dt.date(2025, 5, 5), [1, 1, 1], kind="training")  # another indicator
    progress = _progress(db, 2025)
    assert progress.state == State.CONFIRMED  # type: ignore[attr-defined]
    assert progress.value == 4.0 and progress.met is True  # type: ignore[attr-defined]
    assert progress.comment == "Answers: 10, polls: 2"  # type: ignore[attr-defined]
    training = _progress(db, 2025, "training")
    assert training.value == 1.0 and training.met is False  # type: ignore[attr-defined]


def test_a_poll_past_its_closing_time_counts_before_its_close_job_has_run(db: Database) -> None:
    _poll(db, dt.date(2025, 12, 29), [4, 5, 5], status="open", closes_at=helsinki(2026, 1, 5, 15, 30))
    assert _progress(db, 2025, now=helsinki(2026, 1, 5, 15)).state == State.NOT_REPORTED  # type: ignore[attr-defined]
    late = _progress(db, 2025, now=helsinki(2026, 1, 5, 15, 30))
    assert late.value == 4.67 and late.met is True  # type: ignore[attr-defined]


def test_a_poll_below_its_minimum_of_answers_is_left_out(db: Database) -> None:
    _poll(db, dt.date(2025, 3, 10), [5, 5])
    hidden = _progress(db, 2025)
    assert hidden.state == State.NOT_REPORTED and hidden.comment == "too few answers to show"  # type: ignore[attr-defined]
    _poll(db, dt.date(2025, 4, 10), [4, 4, 3])  # were the first counted, 2025 would show 4.2, not 3.67
    progress = _progress(db, 2025)
    assert progress.value == 3.67 and progress.met is False  # type: ignore[attr-defined]
    assert progress.comment == "Answers: 3, polls: 1"  # type: ignore[attr-defined]


def test_status_shows_the_years_network_satisfaction(
    network_bot: RunningBot, standin: SlackStandIn, clock: Clock
) -> None:
    """Needs `polls.indicators.satisfaction_progress` hooked into `commands/status.py`."""
    standin.add_user("UM00001", "Viides Jäsen", locale="fi-FI")
    standin.channels[CHANNEL].insert(0, "UM00001")
    network_bot.sync_directory()
    clock.set(helsinki(2025, 1, 2, 8))
    hold_meeting(network_bot, clock, 'meeting new osallisuusverkosto 10.2.2025 13:00 "Helmikuu"')
    open_poll(network_bot)
    for user, rating in zip(
        ("UM00001", "UFI00001", "USV00001", "UEN00001", "UCOORD01"), (5, 4, 4, 4, 4), strict=True
    ):
        click(network_bot, user, rating)
    close_poll(network_bot, clock)
    network_bot.reply("UEN00001", "lang en")
    line = next(
        line
        for line in texts(network_bot.reply("UEN00001", "status 2 2025")).splitlines()
        if "`network-satisfaction`" in line
    )
    assert "*4.2*" in line and "✅" in line
