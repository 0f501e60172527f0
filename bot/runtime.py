"""What the app needs at run time, built once at start-up and handed to every listener."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from slack_sdk import WebClient

from bot.people import People
from bot.transport import SlackTransport
from commands.context import Invocation
from config.settings import Settings
from participation.meetings.networks import ensure_network_rows
from participation.plan.importer import load_bundled_plans
from participation.storage.db import Database
from participation.storage.models import utcnow
from schedules.background import Background


@dataclass
class Runtime:
    settings: Settings
    db: Database
    now: Callable[[], dt.datetime] = utcnow
    people: People = field(init=False)
    background: Background | None = None

    def __post_init__(self) -> None:
        self.people = People(self.settings, self.db)

    def invocation(self, user_id: str, client: WebClient, channel_id: str | None = None) -> Invocation:
        return Invocation(
            user_id=user_id,
            language=self.people.language(user_id, client),
            db=self.db,
            settings=self.settings,
            is_coordinator=self.people.is_coordinator(user_id, client),
            now=self.now,
            client=client,
            channel_id=channel_id,
            on_commit=self.changed,
        )

    def start_background(self, client: WebClient) -> Background:
        self.background = Background(self, SlackTransport(client), client)
        self.background.start()
        return self.background

    def stop_background(self) -> None:
        if self.background is not None:
            self.background.stop()
            self.background = None

    def changed(self) -> None:
        if self.background is not None:
            self.background.changed()


def prepare(settings: Settings, now: Callable[[], dt.datetime] = utcnow) -> Runtime:
    """A new install needs no other step: bring the schema up to date and load the bundled plans."""
    db = Database(settings.database_url)
    db.upgrade()
    with db.session() as session:
        load_bundled_plans(session)
        ensure_network_rows(session)
    return Runtime(settings=settings, db=db, now=now)
