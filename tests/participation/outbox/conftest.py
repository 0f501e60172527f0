"""Fixtures for the outbox tests: a real SMTP server, a clock the test moves, and a dispatcher wired to the
Slack stand-in whose failure notices are written to the outbox as the app will do."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.transport import SlackTransport
from config.settings import Settings
from participation.outbox.dispatcher import Dispatcher
from participation.outbox.items import Kind, enqueue
from participation.storage.db import Database
from participation.storage.models import OutboxItem, utcnow
from tests.conftest import COORDINATOR
from tests.participation.outbox.say import say
from tests.support.smtp import SmtpServer, running_smtp

CLIENT_TIMEOUT = 1


class Clock:
    """The dispatcher's idea of now, moved by hand so back-offs can be checked to the second.

    It starts a little ahead of the wall clock: `enqueue` stamps items with the real time, and items the
    test writes must already be due. Slack's message timestamps stay real, well inside the one-minute
    margin the history search allows.
    """

    def __init__(self) -> None:
        self.now = utcnow() + timedelta(seconds=5)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class FailureNotices:
    """An `on_failed` hook that does what the app will: tell the coordinators, in the same transaction."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    def __call__(self, session: Session, item: OutboxItem) -> None:
        self.keys.append(item.key)
        notice = say(COORDINATOR, f"Could not send {item.key}: {item.last_error}")
        enqueue(session, f"failed:{item.key}", Kind.MESSAGE, notice)


MakeDispatcher = Callable[..., Dispatcher]


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with running_smtp() as server:
        yield server


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def notices() -> FailureNotices:
    return FailureNotices()


@pytest.fixture
def client(settings: Settings) -> WebClient:
    return WebClient(token="xoxb-test-token", base_url=settings.slack_api_url, timeout=CLIENT_TIMEOUT)


@pytest.fixture
def make_dispatcher(
    db: Database, client: WebClient, settings: Settings, clock: Clock, notices: FailureNotices
) -> MakeDispatcher:
    """A new dispatcher each call, as after a restart; keyword arguments replace settings fields."""

    def make(**changes: object) -> Dispatcher:
        return Dispatcher(
            db, SlackTransport(client), settings.model_copy(update=changes), now=clock, on_failed=notices
        )

    return make
