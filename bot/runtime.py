"""What the app needs at run time, built once at start-up and handed to every listener."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from slack_sdk import WebClient

from bot.directory_sync import DirectorySync
from bot.people import People
from bot.request_ids import ContextThreadPool
from bot.transport import SlackTransport
from commands.context import Invocation
from config.settings import Settings
from participation.directory.read import WhoRow
from participation.meetings.networks import ensure_network_rows
from participation.plan.importer import load_bundled_plans
from participation.storage.db import Database
from participation.storage.models import utcnow

if TYPE_CHECKING:
    from schedules.background import Background

log = logging.getLogger(__name__)
# Threads for the work after an acknowledgement. Few on purpose: Bolt's own listener threads are then
# free for the next request's ack, and a burst's follow-up work queues here instead of in front of acks.
AFTER_ACK_WORKERS = 2


@dataclass
class Runtime:
    settings: Settings
    db: Database
    now: Callable[[], dt.datetime] = utcnow
    people: People = field(init=False)
    background: Background | None = None
    directory: DirectorySync | None = None
    _starting: threading.Thread | None = field(default=None, init=False)
    _busy: int = field(default=0, init=False)
    _idle: threading.Condition = field(default_factory=threading.Condition, init=False)
    _after_ack: ContextThreadPool = field(init=False)

    def __post_init__(self) -> None:
        self.people = People(self.settings, self.db)
        self._after_ack = ContextThreadPool(AFTER_ACK_WORKERS, thread_name_prefix="after-ack")

    @contextmanager
    def handling(self) -> Iterator[None]:
        """Around a Slack request's whole handling, the part after the acknowledgement included, so
        that `settle` can tell when the work already acknowledged is done."""
        self._count(+1)
        try:
            yield
        finally:
            self._count(-1)

    def after_ack(self, work: Callable[[], None]) -> None:
        """Run `work` once the listener has acknowledged, on the runtime's own few threads (with the
        request's id for its log lines), and count it as handling from now until it is done. A failure
        is logged once; `work` tells the person itself."""
        self._count(+1)

        def run() -> None:
            try:
                work()
            except Exception:
                log.exception("the work after an acknowledgement failed")
            finally:
                self._count(-1)

        self._after_ack.submit(run)

    def _count(self, change: int) -> None:
        with self._idle:
            self._busy += change
            self._idle.notify_all()

    def settle(self, timeout: float = 30.0) -> bool:
        """Wait until no acknowledged request is still being worked on (before a stop, or in a test
        that looks at the outcome); False if some still is after `timeout` seconds."""
        with self._idle:
            return self._idle.wait_for(lambda: self._busy == 0, timeout)

    def invocation(
        self,
        user_id: str,
        channel_id: str | None = None,
        bot_user_id: str | None = None,
        read: WhoRow | None = None,
    ) -> Invocation:
        """Who asks, from the database only: answering never waits on Slack (see `answered`). `read`:
        what the request's first statement read of them already (bot.replay)."""
        language, is_coordinator = self.people.who(user_id, read)
        return Invocation(
            user_id=user_id,
            language=language,
            db=self.db,
            settings=self.settings,
            is_coordinator=is_coordinator,
            now=self.now,
            channel_id=channel_id,
            on_commit=self.changed,
            bot_user_id=bot_user_id or (self.directory.bot_user_id if self.directory else None),
        )

    def answered(self, user_id: str) -> None:
        """After a person has had their answer: refresh their directory entry if it is unknown or stale."""
        if self.directory is not None:
            self.directory.refresh_later(user_id)

    def directory_sync(self, client: WebClient) -> DirectorySync:
        if self.directory is None:
            self.directory = DirectorySync(client, self.db, self.settings, now=self.now)
        return self.directory

    def start_directory(self, client: WebClient) -> DirectorySync:
        """Read the workspace from Slack in the background; requests are served meanwhile."""
        sync = self.directory_sync(client)
        sync.start()
        return sync

    def stop_directory(self) -> None:
        if self.directory is not None:
            self.directory.stop()
            self.directory = None

    def start_background(self, client: WebClient) -> Background:
        # Imported here: APScheduler and the jobs' modules load with the scheduler, not before serving.
        from schedules.background import Background

        background = Background(self, SlackTransport(client))
        background.start()
        self.background = background
        background.kick()  # what was queued while it started
        return background

    def start_background_soon(self, client: WebClient) -> None:
        """Start the scheduler and the outbox thread beside the first requests (`osallisuus serve`): the
        worker answers as soon as its app is built. What a request queues meanwhile waits in the outbox
        until the outbox thread, a moment later, sends it."""

        def start() -> None:
            try:
                self.start_background(client)
            except Exception as error:  # the requests are still served; the log says what is missing
                log.error("the scheduler and the outbox did not start: %s", error)

        self._starting = threading.Thread(target=start, name="background-start", daemon=True)
        self._starting.start()

    def stop_background(self, timeout: float | None = None) -> None:
        """Stop the scheduler and the outbox thread within about `timeout` seconds in all (Background's
        own default when None), a start still under way included."""
        ends = None if timeout is None else time.monotonic() + timeout
        if self._starting is not None:
            self._starting.join(timeout)
            self._starting = None
        if self.background is not None:
            self.background.stop(None if ends is None else max(0.0, ends - time.monotonic()))
            self.background = None

    def changed(self) -> None:
        if self.background is not None:
            self.background.changed()


def prepare(
    settings: Settings, now: Callable[[], dt.datetime] = utcnow, db: Database | None = None
) -> Runtime:
    """A new install needs no other step: bring the schema up to date and load the bundled plans. `db`:
    the settings' database, when it is open already (`osallisuus serve` reached it first)."""
    db = db or Database(settings.database_url)
    db.upgrade()
    with db.session() as session:
        load_bundled_plans(session)
        ensure_network_rows(session)
    return Runtime(settings=settings, db=db, now=now)
