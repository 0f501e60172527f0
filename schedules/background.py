"""What runs beside the request handlers: APScheduler, with its jobs in the database, and the outbox
dispatcher. A job that fell due while the bot was down runs once when it is back (within
SCHEDULER_GRACE_SECONDS); what it sends goes through the outbox, whose keys stop a second sending.

With several replicas on PostgreSQL every one sends from the outbox, but only the leader (schedules/
leader.py) runs the scheduler; the others ask every LEADER_POLL_SECONDS and one takes over when the
leader's database session ends. On each of those ticks the leader also reads the revision number of what
the planners read (participation/storage/revisions.py: plans, meetings, polls), in one statement, and
plans again only when it moved, so a change committed on another replica gets its jobs within seconds
while a quiet tick costs one SELECT. Every REPLAN_SECONDS it plans again all the same, a safety net for a
change the revision cannot see (a row written outside the ORM's sessions)."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler

from participation.meetings.reminders import send_reminders
from participation.outbox.outgoing import Transport
from participation.storage import revisions
from participation.storage.db import Database
from schedules import jobs
from schedules.courier import DELIVERY_SECONDS as DELIVERY_SECONDS  # re-exported: tests import it here
from schedules.courier import Courier
from schedules.job_store import new_scheduler, run_missed, store_planned
from schedules.leader import Leadership
from schedules.registry import missed_jobs, planned_jobs

log = logging.getLogger(__name__)
REPLAN_SECONDS = 300  # the leader's full re-plan, whatever the revision says
STOP_SECONDS = 30.0  # how long `stop` waits for the outbox thread when not told


class Background:
    def __init__(self, runtime: Any, transport: Transport) -> None:
        """`transport` is the edge's way to Slack (bot/transport.py); nothing here knows Slack itself."""
        self.runtime = runtime
        self.courier = Courier(runtime, transport)
        self.dispatcher = self.courier.dispatcher
        self.leadership = Leadership(runtime.db.engine)
        self.scheduler = self._new_scheduler()
        self._planning = threading.RLock()  # one sync at a time: a request's and the elector's
        self._elector: threading.Thread | None = None
        self._stopping = threading.Event()
        self.plans = 0  # times the planners ran (`sync`), for the same kind of test
        self._planned_from: int | None = None  # the revision the last plan read
        self._quiet_ticks = 0  # the leader's ticks since it last planned

    @property
    def db(self) -> Database:
        db = self.runtime.db
        assert isinstance(db, Database)
        return db

    @property
    def rounds(self) -> int:
        """Dispatcher rounds run, for tests that count passes rather than time."""
        return self.courier.rounds

    def _new_scheduler(self) -> BackgroundScheduler:
        return new_scheduler(self.db.engine, self.runtime.settings.scheduler_grace_seconds)

    def start(self) -> None:
        """Send from the outbox at once; run the scheduled jobs when (and while) this replica leads."""
        jobs.install(self)
        shared = self.db.engine.dialect.name == "postgresql"
        self._stopping.clear()
        self.courier.start(alone=not shared)  # on PostgreSQL, only the claims whose lease ran out
        if self.leadership.claim():
            self._lead()
        if shared:
            self._elector = threading.Thread(target=self._elect_forever, name="leader", daemon=True)
            self._elector.start()

    def stop(self, timeout: float | None = None) -> None:
        """Stop within about `timeout` seconds (what is left of the worker's grace; STOP_SECONDS when
        None): no send starts once stopping, so the outbox thread ends with the sends in flight (at most
        a transport time-out)."""
        self._stopping.set()
        self.courier.halt()
        deadline = time.monotonic() + (STOP_SECONDS if timeout is None else timeout)
        if self._elector is not None:
            self._elector.join(timeout=max(0.0, deadline - time.monotonic()))
        self._elector = None
        self.courier.join(timeout=max(0.0, deadline - time.monotonic()))
        self._follow(wait=True)
        self.leadership.resign()
        jobs.install(None)

    def _lead(self) -> None:
        """Become the one that runs the jobs. The scheduler starts paused, so that nothing stored runs
        before `catch_up` has seen what the store will run itself (each missed job runs once)."""
        with self._planning:
            if self.scheduler.running:
                return
            self.scheduler.start(paused=True)
            self.sync()
            self.catch_up()
            self.scheduler.resume()
        log.info("this replica leads: it runs the scheduled jobs")

    def _follow(self, wait: bool = False) -> None:
        """Stop running jobs (stopping, or the lock was lost); a later lead starts a new scheduler."""
        with self._planning:
            if self.scheduler.running:
                self.scheduler.shutdown(wait=wait)
                self.scheduler = self._new_scheduler()

    def _elect_forever(self) -> None:
        """Every LEADER_POLL_SECONDS: the leader checks it still holds the lock and plans again; another
        replica asks for the lock."""
        while not self._stopping.wait(self.runtime.settings.leader_poll_seconds):
            try:
                self.tick()
            except Exception as error:  # the database is away: ask again on the next tick
                log.warning("leader election: %s", error)

    def tick(self) -> None:
        """One tick of the elector: follow when the lock was lost, re-plan when leading and something the
        planners read changed (or the safety net is due), or else ask for the lock."""
        if self.leadership.leading and not self.leadership.alive():
            self._follow()
        elif self.leadership.leading:
            self._quiet_ticks += 1
            every = max(1, round(REPLAN_SECONDS / self.runtime.settings.leader_poll_seconds))
            if self._quiet_ticks >= every or self._stale():
                self.sync()
        elif self.leadership.claim():
            self._lead()

    def _stale(self) -> bool:
        """Whether what the planners read changed since the last plan (always, without a number)."""
        with self.db.session() as session:
            revision = revisions.current(session)
        return revision is None or revision != self._planned_from

    def changed(self) -> None:
        """After a change commits: reschedule what depends on meetings (on the leader; another replica's
        change is planned on the leader's next tick), and send what it queued now."""
        if self.scheduler.running:
            self.sync()
        self.kick()

    def kick(self) -> None:
        """Wake the outbox thread now; a delivery already running goes round once more."""
        self.courier.kick()

    def idle_seconds(self) -> float:
        return self.courier.idle_seconds()

    def deliver(self) -> int:
        return self.courier.deliver()

    def remind(self, meeting_id: int) -> int:
        with self.db.session() as session:
            queued = send_reminders(session, self.runtime.settings, meeting_id, self.runtime.now())
        self.kick()
        return queued

    def sync(self) -> None:
        """Make the stored jobs what the planners want (`job_store.store_planned`), one sync at a time."""
        with self._planning:
            self._sync()

    def _sync(self) -> None:
        settings, now = self.runtime.settings, self.runtime.now()
        with self.db.session() as session:
            revision = revisions.current(session)  # read first: a change committed meanwhile raises it
            wanted = {job.id: job for job in planned_jobs(session, settings, now)}
        self.plans += 1
        store_planned(self.scheduler, wanted)
        self._planned_from, self._quiet_ticks = revision, 0

    def catch_up(self) -> None:
        """Run once, now, the work that fell due while the bot was down (`job_store.run_missed`)."""
        settings, now = self.runtime.settings, self.runtime.now()
        with self.db.session() as session:
            missed = missed_jobs(session, settings, now)
        run_missed(self.scheduler, missed, settings.scheduler_grace_seconds)
