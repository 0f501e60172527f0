"""Migration 0006 on a database that has answers the old way: each poll's answers become its five counts,
its comments move under fresh keys, and `poll_answers` is gone; going back gives one row per answer."""

from __future__ import annotations

import datetime as dt

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from participation.storage.db import MIGRATIONS, Database

AT = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
OLD = [
    (1, "t1aaaaaaaaaaaaaaaa", 4, "Hyvä"),
    (1, "t2aaaaaaaaaaaaaaaa", 4, None),
    (1, "t3aaaaaaaaaaaaaaaa", 2, ""),
]
OLD += [(2, "t4aaaaaaaaaaaaaaaa", 5, "Bra")]


def _migrate(db: Database, revision: str, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = db.engine
    (command.downgrade if down else command.upgrade)(config, revision)


def _rows(db: Database, query: str) -> list[tuple[object, ...]]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query))]


def test_old_answers_become_counts_and_comments(database_url: str) -> None:
    db = Database(database_url)
    db.upgrade()
    _migrate(db, "0005", down=True)
    with db.engine.begin() as connection:
        for poll in (1, 2, 3):
            connection.execute(
                text(
                    "INSERT INTO polls (id, kind, title, event_date, status, opened_at, remind_at, closes_at,"
                    " min_answers, created_by) VALUES (:id, 'meeting', 'Poll', :day, 'open', :at, :at, :at,"
                    " 3, 'U1')"
                ),
                {"id": poll, "day": AT.date(), "at": AT},
            )
        for poll, token, rating, comment in OLD:
            connection.execute(
                text("INSERT INTO poll_answers (token, poll_id, rating, comment) VALUES (:t, :p, :r, :c)"),
                {"t": token, "p": poll, "r": rating, "c": comment},
            )
    _migrate(db, "head")

    assert "poll_answers" not in inspect(db.engine).get_table_names()
    tallies = _rows(db, "SELECT poll_id, rating, answers FROM poll_tallies ORDER BY poll_id, rating")
    expected = {(1, 4): 2, (1, 2): 1, (2, 5): 1}
    assert tallies == [(p, r, expected.get((p, r), 0)) for p in (1, 2, 3) for r in range(1, 6)]
    comments = _rows(db, "SELECT poll_id, text, key FROM poll_comments ORDER BY poll_id")
    assert [(p, t) for p, t, _key in comments] == [(1, "Hyvä"), (2, "Bra")]
    assert not {key for _p, _t, key in comments} & {token for _p, token, _r, _c in OLD}

    _migrate(db, "0005", down=True)
    back = _rows(db, "SELECT poll_id, rating, comment FROM poll_answers ORDER BY poll_id, rating")
    assert sorted((p, r) for p, r, _c in back) == [(1, 2), (1, 4), (1, 4), (2, 5)]
    assert sorted(c for _p, _r, c in back if c) == ["Bra", "Hyvä"]
    _migrate(db, "head")
    db.dispose()
