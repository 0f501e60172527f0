"""Which replica runs the scheduled jobs: the one holding a PostgreSQL advisory lock.

The lock is session-level (`pg_try_advisory_lock`), taken on a connection of its own that stays open
for as long as this process leads. When the process dies, PostgreSQL ends its session and frees the
lock, and the next replica to ask takes it. The leader checks now and then that its connection is still
alive; a leader whose connection broke has lost the lock and must stop running jobs at once.

SQLite has one process (`single_process` below keeps it so): it is always the leader.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

# Any fixed 64-bit number, the same in every replica: "osallisuus" in ASCII, folded to fit.
LOCK_KEY = int.from_bytes(b"osallisu", "big") & 0x7FFF_FFFF_FFFF_FFFF


class Leadership:
    """Whether this process leads; `claim` asks (never waits), `alive` checks, `resign` lets go."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._shared = engine.dialect.name == "postgresql"
        self._connection: Connection | None = None

    @property
    def leading(self) -> bool:
        return not self._shared or self._connection is not None

    def claim(self) -> bool:
        """Take the lock if it is free; True when this process leads (now or already)."""
        if self.leading:
            return True
        connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            got = connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY})
        except Exception as error:
            connection.invalidate()
            connection.close()
            log.warning("could not ask for the scheduler's lock: %s", error)
            return False
        if not got:
            connection.close()
            return False
        self._connection = connection
        return True

    def alive(self) -> bool:
        """Whether the lock's connection still answers (and so still holds the lock)."""
        if self._connection is None:
            return not self._shared
        try:
            self._connection.execute(text("SELECT 1"))
        except Exception as error:
            log.error("lost the scheduler's lock (its database connection broke: %s)", error)
            self._drop()
            return False
        return True

    def resign(self) -> None:
        """Free the lock for another replica (closing the session frees it too)."""
        if self._connection is None:
            return
        with contextlib.suppress(Exception):  # the session is gone, and the lock with it
            self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
        self._drop()

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.invalidate()  # never back to the pool: the session must end
                connection.close()


class AlreadyServing(RuntimeError):
    """Another process serves the same SQLite file."""


def single_process(database_url: str) -> IO[str] | None:
    """On SQLite, an exclusive lock on a file beside the database, held for the life of the process, so
    that a second `serve` on the same file refuses to start instead of running every job twice. Returns
    the open lock file (keep it), or None on other databases. Raises AlreadyServing."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    path = Path(url.database).resolve().with_name(Path(url.database).name + ".lock")
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise AlreadyServing(
            f"another osallisuus process already serves {url.database} (lock {path}); SQLite takes one "
            "process: stop it, or use PostgreSQL to run several replicas"
        ) from None
    handle.truncate(0)
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle
