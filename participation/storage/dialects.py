"""SQL that differs between the two databases the bot runs on."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert(session: Session) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT: PostgreSQL in production, SQLite embedded."""
    dialects: dict[str, Any] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
    return dialects[session.get_bind().dialect.name]
