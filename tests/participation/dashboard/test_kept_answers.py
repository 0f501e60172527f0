"""`status` answers are kept per process, yet every change shows in the very next answer: a confirmation,
a meeting added or moved, a poll's closing, a plan imported again, written by this bot or by another
replica on its own engine; the day's turn changes the working days left; the kept answers stay few."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
import yaml
from sqlalchemy import select

from config.settings import Settings
from devtools.localslack.server import SlackStandIn
from participation.dashboard.cache import SIZE, kept_count
from participation.plan.files import BUNDLED, parse_plan
from participation.plan.importer import import_plan
from participation.polls.answers import answer, tally_rows
from participation.polls.service import close
from participation.polls.tokens import Signer
from participation.storage import revisions
from participation.storage.db import Database
from participation.storage.models import Meeting, Poll, PollRecipient, PollTally
from tests.conftest import COORDINATOR, SIGNING_SECRET
from tests.participation.dashboard.history import add_meeting_ahead
from tests.support.clock import Clock, helsinki
from tests.support.running import RunningBot, texts

USER = "UEN00001"
NOW = helsinki(2025, 11, 3, 10)


@pytest.fixture
def dash(settings: Settings, standin: SlackStandIn, clock: Clock) -> Iterator[RunningBot]:
    clock.set(NOW)
    running = RunningBot.start(settings, standin, SIGNING_SECRET, now=clock)
    yield running
    running.stop()


@pytest.fixture
def replica(settings: Settings) -> Iterator[Database]:
    """Another replica's engine on the same database."""
    other = Database(settings.database_url)
    yield other
    other.dispose()


def _status(bot: RunningBot, args: str = "") -> str:
    return texts(bot.reply(USER, f"status {args}".strip()))


def test_a_confirmation_shows_in_the_next_status(dash: RunningBot) -> None:
    assert "0/36 indicators confirmed" in _status(dash)
    assert "0/36 indicators confirmed" in _status(dash)  # kept
    dash.reply(COORDINATOR, "confirm intranet-pages-updated kyllä")
    assert "1/36 indicators confirmed" in _status(dash)
    assert "🟢 We share information on participation with all staff. — 1/1" in _status(dash)


def test_another_replicas_meeting_and_its_move_show_in_the_next_status(
    dash: RunningBot, replica: Database
) -> None:
    assert "No network meetings scheduled" in _status(dash)
    with replica.session() as session:
        add_meeting_ahead(session, helsinki(2025, 11, 20, 13))
    assert "Next meeting: Next meeting, Thu 20.11.2025" in _status(dash)
    with replica.session() as session:
        session.scalars(select(Meeting)).one().starts_at = helsinki(2025, 11, 21, 13)
    assert "Next meeting: Next meeting, Fri 21.11.2025" in _status(dash)


def _open_poll(session: object, closes: dt.datetime) -> int:
    poll = Poll(
        kind="meeting",
        title="Syyskokous",
        event_date=dt.date(2025, 10, 30),
        status="open",
        opened_at=NOW - dt.timedelta(days=4),
        remind_at=NOW,
        closes_at=closes,
        min_answers=3,
        created_by=COORDINATOR,
    )
    session.add(poll)  # type: ignore[attr-defined]
    session.flush()  # type: ignore[attr-defined]
    for number in range(3):
        session.add(PollRecipient(poll_id=poll.id, slack_user_id=f"U{number}", answered=True))  # type: ignore[attr-defined]
    session.add_all(PollTally(**row) for row in tally_rows(poll.id, {4: 3}))  # type: ignore[attr-defined]
    session.add(PollRecipient(poll_id=poll.id, slack_user_id=USER, answered=False))  # type: ignore[attr-defined]
    return poll.id


def test_a_poll_shows_once_its_closing_time_passes_and_its_close_raises_the_revision(
    dash: RunningBot, replica: Database, clock: Clock, settings: Settings
) -> None:
    closes = NOW + dt.timedelta(hours=2)
    with replica.session() as session:
        poll_id = _open_poll(session, closes)
    assert "No satisfaction figure yet for 2025" in _status(dash)
    with replica.session() as session:
        before = revisions.current(session)
        assert answer(session, Signer.of(settings), poll_id, USER, "", 2, NOW).outcome == "recorded"
    with replica.session() as session:
        assert revisions.current(session) == before  # a click takes no lock on the revision
    assert "No satisfaction figure yet for 2025" in _status(dash)  # an open poll is not counted

    clock.set(closes + dt.timedelta(minutes=1))
    assert "Network satisfaction 2025: 3.5" in _status(dash)  # kept answers expire at the closing time
    with replica.session() as session:
        assert close(session, settings, poll_id, clock())
    with replica.session() as session:
        assert revisions.current(session) == (before or 0) + 1
    assert "Network satisfaction 2025: 3.5" in _status(dash)


def test_a_plan_imported_again_shows_in_the_next_status(dash: RunningBot, replica: Database) -> None:
    assert "Participation Plan for 2023–2025" in _status(dash)
    path = BUNDLED / "sotepe-2023-2025.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"]["en"] = "Participation Plan, revised"
    with replica.session() as session:
        import_plan(
            session, parse_plan(yaml.safe_dump(data, allow_unicode=True), "edited.yaml"), "e", "console"
        )
    assert _status(dash).startswith("Participation Plan, revised")


def test_the_turn_of_the_day_counts_down_the_working_days(dash: RunningBot, clock: Clock) -> None:
    clock.set(helsinki(2025, 11, 3, 23, 59))  # a Monday
    evening = int(re.findall(r"working days left: (\d+)", _status(dash))[0])
    clock.set(helsinki(2025, 11, 4, 0, 1))
    assert re.findall(r"working days left: (\d+)", _status(dash)) == [str(evening - 1)]


def test_the_kept_answers_stay_few(dash: RunningBot) -> None:
    for number in range(4, SIZE + 12):
        assert f"There is no priority {number}." in _status(dash, str(number))
    assert kept_count(dash.runtime.db.engine) == SIZE
    assert "0/36 indicators confirmed" in _status(dash)
