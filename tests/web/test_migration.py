"""Migration 0012 on a database that already has plans: each gets its own secret page token."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from participation.storage.db import MIGRATIONS, Database


def _migrate(db: Database, revision: str, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = db.engine
    (command.downgrade if down else command.upgrade)(config, revision)


def test_existing_plans_get_distinct_tokens_and_going_back_drops_them(database_url: str) -> None:
    db = Database(database_url)
    db.upgrade()
    _migrate(db, "0011", down=True)
    assert "page_token" not in {c["name"] for c in inspect(db.engine).get_columns("plans")}
    _migrate(db, "head")
    with db.engine.connect() as connection:
        tokens = [row[0] for row in connection.execute(text("SELECT page_token FROM plans"))]
    assert len(tokens) >= 2 and len(set(tokens)) == len(tokens)
    assert all(token is not None and len(token) >= 32 for token in tokens)
    db.dispose()
