"""Migration 0011: a meeting title that is exactly a stored default ("Osallisuusverkosto: kokous",
in any language) becomes no title, shown in each reader's language; a title someone typed stays."""

from __future__ import annotations

import datetime as dt

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from participation.storage.db import MIGRATIONS, Database

AT = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
TITLES = {
    1: ("osallisuusverkosto", "Osallisuusverkosto: kokous"),
    2: ("osallisuusverkosto", "Delaktighetsnätverket: möte"),
    3: ("osallisuusverkosto", "Participation network: meeting"),
    4: ("osallisuusverkosto", "Osallisuusverkosto: kokous ja sauna"),
    5: ("osallisuusverkosto", "Asiakaskokemusverkosto: kokous"),
    6: ("asiakaskokemusverkosto", "Asiakaskokemusverkosto: kokous"),
}


def _migrate(db: Database, revision: str, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = db.engine
    (command.downgrade if down else command.upgrade)(config, revision)


def _titles(db: Database) -> dict[int, str]:
    with db.engine.connect() as connection:
        return {row[0]: row[1] for row in connection.execute(text("SELECT id, title FROM meetings"))}


def test_stored_default_titles_are_cleared_and_typed_ones_kept(database_url: str) -> None:
    db = Database(database_url)
    db.upgrade()
    _migrate(db, "0010", down=True)
    with db.engine.begin() as connection:
        for network in ("osallisuusverkosto", "asiakaskokemusverkosto"):
            connection.execute(
                text("INSERT INTO networks (id, feed_token) VALUES (:id, :token) ON CONFLICT DO NOTHING"),
                {"id": network, "token": f"token-{network}"},
            )
        for meeting, (network, title) in TITLES.items():
            connection.execute(
                text(
                    "INSERT INTO meetings (id, network_id, uid, title, starts_at, ends_at, sequence, status,"
                    " created_by, created_at, updated_at) VALUES (:id, :network, :uid, :title, :at, :at, 0,"
                    " 'scheduled', 'U1', :at, :at)"
                ),
                {"id": meeting, "network": network, "uid": f"m{meeting}", "title": title, "at": AT},
            )
    _migrate(db, "head")
    assert _titles(db) == {
        1: "",
        2: "",
        3: "",
        4: "Osallisuusverkosto: kokous ja sauna",
        5: "Asiakaskokemusverkosto: kokous",  # another network's default: someone typed it here
        6: "",
    }
    _migrate(db, "0010", down=True)
    assert (
        _titles(db)[2] == "Osallisuusverkosto: kokous" and _titles(db)[6] == "Asiakaskokemusverkosto: kokous"
    )
    _migrate(db, "head")
    db.dispose()
