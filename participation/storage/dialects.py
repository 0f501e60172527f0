"""SQL that differs between the two databases the bot runs on."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

_INSERTS: dict[str, Any] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def insert(session: Session) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT: PostgreSQL in production, SQLite embedded."""
    return dialect_insert(session.get_bind().dialect.name)


def dialect_insert(name: str) -> Any:
    """The INSERT of the dialect called `name`, for a statement built once for an engine."""
    return _INSERTS[name]
