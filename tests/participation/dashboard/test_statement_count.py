"""The dashboard's cost in SQL statements: `status`, `status 2`, `status <indicator>`, the App Home tab and
`mine` each take a handful of statements, however many years of history the bot keeps. Counted on the
bot's own engine around one signed request each, the work after the acknowledgement included, and the
replay guard's one INSERT into `seen_requests` (bot/replay.py) with it: status 8, status 2 8,
status <indicator> 10, App Home 7, mine 7 (7, 7, 9, 6, 6 without it). `status` and `status 2` take the
dashboard's revision from the who-lookup, which reads it too (participation.storage.revisions.note),
and, when they build the answer, read the next instant time changes it
(participation/dashboard/cache.py): one statement more than the five reads when nothing is kept, and
none when an answer is kept: 2 statements in all on SQLite, the guard's and the who-lookup, and 1 on
PostgreSQL, where the guard's INSERT reads who asks in the same statement (bot/replay.py).
The guard's purge of old rows runs at most once a minute of the bot's clock, which stands still here, so
it is not among them.

Before Step 7 the plan's tree was read lazily, a statement per priority, measure and indicator:
status 69, status 2 69, status <indicator> 73, App Home 69, mine 69 (on the bundled plan)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from sqlalchemy import Engine, event

from config.settings import Settings
from devtools.localslack.server import SlackStandIn
from tests.conftest import SIGNING_SECRET
from tests.participation.dashboard.history import add_meeting_ahead, add_owner, add_year
from tests.support.clock import Clock, helsinki
from tests.support.running import RunningBot, texts

MAX_STATEMENTS = 10
# A kept answer: on SQLite the guard's row (written after the ack) and the who-lookup, which reads the
# dashboard's revision too; on PostgreSQL one statement, the guard's INSERT reading who asks with it.
KEPT_STATEMENTS = {"sqlite": 2, "postgresql": 1}
USER = "UEN00001"
NOW = helsinki(2025, 11, 3, 10)


@pytest.fixture
def late_bot(settings: Settings, standin: SlackStandIn, clock: Clock) -> Iterator[RunningBot]:
    """The bot late in the plan's last year, with a meeting ahead and indicators of its own."""
    clock.set(NOW)
    running = RunningBot.start(settings, standin, SIGNING_SECRET, now=clock)
    with running.runtime.db.session() as session:
        add_owner(session, USER)
        add_meeting_ahead(session, helsinki(2025, 11, 20, 13))
    yield running
    running.stop()


def _counted(bot: RunningBot, request: Callable[[], Any]) -> int:
    """Statements the request runs on the bot's engines. The directory's own background thread is left
    out: its freshness check after an answer is the directory's cost, not the dashboard's, and it runs
    whenever that thread gets to it."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not threading.current_thread().name.startswith("directory"):
            statements.append(statement)

    # Every engine of the process: on PostgreSQL the replay guard has an engine of its own (bot/replay.py).
    event.listen(Engine, "before_cursor_execute", count)
    try:
        request()
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    return len(statements)


def _home(bot: RunningBot) -> None:
    """Bolt works on an event after its acknowledgement; the tab is built once it is published."""
    published = len(bot.standin.calls_to("views.publish"))
    bot.event({"type": "app_home_opened", "user": USER, "channel": "D1", "tab": "home"})
    bot.standin.wait_for("views.publish", count=published + 1)


REQUESTS: dict[str, Callable[[RunningBot], Any]] = {
    "status": lambda bot: bot.reply(USER, "status"),
    "status 2": lambda bot: bot.reply(USER, "status 2"),
    "status <indicator>": lambda bot: bot.reply(USER, "status feedback-processed-5-days"),
    "App Home": _home,
    "mine": lambda bot: bot.reply(USER, "mine"),
}


def _costs(bot: RunningBot) -> dict[str, int]:
    return {name: _counted(bot, partial(request, bot)) for name, request in REQUESTS.items()}


def test_the_dashboards_take_a_handful_of_statements_whatever_the_history(
    late_bot: RunningBot, database_kind: str
) -> None:
    with late_bot.runtime.db.session() as session:
        add_year(session, 2025)
    one_year = _costs(late_bot)
    shown = texts(late_bot.reply(USER, "status"))
    assert "36/36 indicators confirmed" in shown and "Network satisfaction 2025: 3.8" in shown
    assert "Next meeting: Next meeting" in shown

    with late_bot.runtime.db.session() as session:
        for year in (2021, 2022, 2023, 2024):
            add_year(session, year)
    five_years = _costs(late_bot)
    again = _costs(late_bot)

    assert five_years == one_year, (one_year, five_years)
    assert all(count <= MAX_STATEMENTS for count in one_year.values()), one_year
    # Nothing changed since: `status` and `status 2` are answered from what this process kept.
    assert again["status"] == again["status 2"] == KEPT_STATEMENTS[database_kind], again
    shown = texts(late_bot.reply(USER, "status feedback-processed-5-days"))
    assert all(f"*{year}*" in shown or str(year) in shown for year in range(2021, 2026))
    assert "of your 12 indicators are not yet confirmed for 2025" in texts(late_bot.reply(USER, "mine"))
