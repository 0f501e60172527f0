"""What the app needs at run time, built once at start-up and handed to every listener."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from slack_sdk import WebClient

from bot.people import People
from commands.context import Invocation
from config.settings import Settings
from plan.importer import load_bundled_plans
from storage.db import Database
from storage.models import utcnow


@dataclass
class Runtime:
    settings: Settings
    db: Database
    now: Callable[[], dt.datetime] = utcnow
    people: People = field(init=False)

    def __post_init__(self) -> None:
        self.people = People(self.settings, self.db)

    def invocation(self, user_id: str, client: WebClient) -> Invocation:
        return Invocation(
            user_id=user_id,
            language=self.people.language(user_id, client),
            db=self.db,
            zone=self.settings.zone,
            is_coordinator=self.people.is_coordinator(user_id, client),
            now=self.now,
        )


def prepare(settings: Settings, now: Callable[[], dt.datetime] = utcnow) -> Runtime:
    """A new install needs no other step: bring the schema up to date and load the bundled plans."""
    db = Database(settings.database_url)
    db.upgrade()
    with db.session() as session:
        load_bundled_plans(session)
    return Runtime(settings=settings, db=db, now=now)
