"""The database: one engine per process, sessions as transactions, and the schema kept current by Alembic.

Alembic is imported only when a migration must run. At every start the schema is usually current already,
and importing Alembic (with its dialect modules) costs about a tenth of a second of the start-up, so the
start compares the database's revision with the newest migration file first (`schema_current`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from participation.storage import revisions

MIGRATIONS = Path(__file__).with_name("migrations")
# The two lines Alembic writes into every migration file it generates.
_REVISION = re.compile(r"^revision(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
# Connections are replaced after an hour, before a server or anything between closes them for age.
RECYCLE_SECONDS = 3600
T = TypeVar("T")


def _normalise_url(url: str) -> str:
    """Let `postgresql://` URLs (as hosting platforms write them) use the psycopg 3 driver we ship."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


class Database:
    def __init__(self, url: str) -> None:
        self.url = _normalise_url(url)
        self.engine: Engine = create_engine(self.url, pool_recycle=RECYCLE_SECONDS)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        revisions.install(self._sessions)  # every transaction raises the revisions of what it changed

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self._sessions.begin() as session:
            yield session

    def read(self, work: Callable[[Session], T]) -> T:
        """Run reads without a transaction: a statement alone is one round trip (no BEGIN and COMMIT
        around it), each with its own snapshot. Tried once more on a new connection if the database
        had dropped the one the pool gave (see `again_if_dropped`)."""

        def attempt() -> T:
            with self._sessions() as session:
                session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
                return work(session)

        return again_if_dropped(attempt)

    def upgrade(self) -> None:
        """Bring the schema to the newest migration; a no-op when it already is."""
        if self.schema_current():
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["engine"] = self.engine
        command.upgrade(config, "head")

    def schema_current(self) -> bool:
        """Whether the database stands at the single newest migration. False whenever in doubt (no
        version table yet, several heads, a file that does not read as expected): Alembic then decides."""
        head = newest_revision()
        if head is None:
            return False
        try:
            with self.engine.connect() as connection:
                found = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except SQLAlchemyError:
            return False
        return found == [head]

    def healthy(self) -> bool:
        """Whether the database answers now: a connection it dropped while idle is not an outage."""

        def ask() -> None:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))

        try:
            again_if_dropped(ask)
        except Exception:
            return False
        return True

    def dispose(self) -> None:
        self.engine.dispose()


def again_if_dropped(attempt: Callable[[], T]) -> T:
    """Run `attempt`, and once more if it failed because the database had dropped its connection (a
    restart, a fail-over). Connections are not tested before each use (`pool_pre_ping` would cost a
    round trip every time): SQLAlchemy tells a dropped connection by the error and then replaces every
    connection of the pool made before it, so the second attempt runs on a new one. Only for work that
    may safely run twice: reads, or a write that can tell its own first attempt (bot.replay)."""
    try:
        return attempt()
    except DBAPIError as error:
        if not error.connection_invalidated:
            raise
    return attempt()


def _sqlite_pragmas(connection: object, _record: object) -> None:
    """WAL lets the request threads read while one transaction writes (an ack never waits on the outbox
    or on a burst of clicks being recorded); it survives a crash of the process as the default journal
    does. An in-memory database keeps its own journal."""
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def newest_revision() -> str | None:
    """The head of the migration files' chain, read from their `revision` and `down_revision` lines; None
    when there is not exactly one (tests check this agrees with Alembic's own reading)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision = _REVISION.search(source)
        if revision is None:
            continue
        revisions.add(revision.group(1))
        parents.update(_DOWN.findall(source))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None
