"""Where the benchmark's databases live: SQLite files in a temporary folder, and databases on a throwaway
PostgreSQL server started as the tests start theirs (`tests/support/postgres.py`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.support.postgres import PostgresServer, start_postgres


@dataclass
class Backend:
    name: str
    folder: Path
    server: PostgresServer | None = None

    def new_database(self, name: str) -> str:
        """The URL of a new, empty database called `name`."""
        if self.server is None:
            return f"sqlite:///{self.folder / name}.db"
        engine = create_engine(self.server.admin_url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        return self.server.url_for(name)


@contextmanager
def backends(folder: Path, postgres: bool) -> Iterator[list[Backend]]:
    """SQLite, and PostgreSQL when asked for and its server binaries are installed."""
    found = [Backend("SQLite", folder)]
    server = start_postgres() if postgres else None
    if server is not None:
        found.append(Backend("PostgreSQL", folder, server))
    try:
        yield found
    finally:
        if server is not None:
            server.stop()
