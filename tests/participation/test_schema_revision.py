"""The start's cheap check that the schema is current, before Alembic is even imported: it must agree
with Alembic, and say "not current" whenever a migration is due."""

from __future__ import annotations

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text

from participation.storage.db import MIGRATIONS, Database, newest_revision


def test_the_newest_revision_is_alembics_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert newest_revision() == ScriptDirectory.from_config(config).get_current_head()


def test_an_empty_database_is_not_current_until_upgraded(empty_database_url: str) -> None:
    db = Database(empty_database_url)
    try:
        assert not db.schema_current()
        db.upgrade()
        assert db.schema_current()
        db.upgrade()  # a second start: nothing to do
        assert db.schema_current()
    finally:
        db.dispose()


def test_a_database_one_migration_behind_is_not_current(db: Database) -> None:
    assert db.schema_current()
    with db.session() as session:
        previous = session.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        session.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": f"{previous}-older"})
    assert not db.schema_current()
