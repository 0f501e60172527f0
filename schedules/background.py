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

import datetime as dt
import logging
import threading
import time
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.util import obj_to_ref

from participation.meetings.reminders import send_reminders
from participation.notices import compose
from participation.outbox.dispatcher import Dispatcher
from participation.outbox.outgoing import Transport
from participation.storage import revisions
from participation.storage.db import Database
from participation.storage.models import utcnow
from schedules import jobs
from schedules.failures import FailureNotices
from schedules.leader import Leadership
from schedules.registry import PREFIXES, job_function, missed_jobs, planned_jobs

log = logging.getLogger(__name__)
DELIVERY_SECONDS = 15
REPLAN_SECONDS = 300  # the leader's full re-plan, whatever the revision says
STOP_SECONDS = 30.0  # how long `stop` waits for the outbox thread when not told


class Background:
    def __init__(self, runtime: Any, transport: Transport) -> None:
        """`transport` is the edge's way to Slack (bot/transport.py); nothing here knows Slack itself."""
        self.runtime = runtime
        settings = runtime.settings
        self.dispatcher = Dispatcher(
            runtime.db,
            transport,
            settings,
            now=runtime.now,
            on_failed=FailureNotices(lambda: runtime.settings),
            compose=compose,
        )
        self.leadership = Leadership(runtime.db.engine)
        self.scheduler = self._new_scheduler()
        self._planning = threading.RLock()  # one sync at a time: a request's and the elector's
        self._elector: threading.Thread | None = None
        self._delivering = threading.Lock()
        self._again = threading.Event()
        self._stopping = threading.Event()
        self._courier: threading.Thread | None = None
        self._paused_until: dt.datetime | None = None  # Slack said to slow down: no sends before then
        self._stuck = False  # the last round claimed nothing
        self.rounds = 0  # dispatcher rounds run, for tests that count passes rather than time
        self.plans = 0  # times the planners ran (`sync`), for the same kind of test
        self._planned_from: int | None = None  # the revision the last plan read
        self._quiet_ticks = 0  # the leader's ticks since it last planned

    @property
    def db(self) -> Database:
        db = self.runtime.db
        assert isinstance(db, Database)
        return db

    def _new_scheduler(self) -> BackgroundScheduler:
        return BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=self.db.engine), "memory": MemoryJobStore()},
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": self.runtime.settings.scheduler_grace_seconds,
            },
            timezone=dt.UTC,
        )

    def start(self) -> None:
        """Send from the outbox at once; run the scheduled jobs when (and while) this replica leads."""
        jobs.install(self)
        shared = self.db.engine.dialect.name == "postgresql"
        self.dispatcher.recover(alone=not shared)  # on PostgreSQL, only the claims whose lease ran out
        self._stopping.clear()
        self._courier = threading.Thread(target=self._deliver_forever, name="outbox", daemon=True)
        self._courier.start()
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
        self._again.set()
        deadline = time.monotonic() + (STOP_SECONDS if timeout is None else timeout)
        for thread in (self._elector, self._courier):
            if thread is not None:
                thread.join(timeout=max(0.0, deadline - time.monotonic()))
        self._elector = self._courier = None
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
        self._again.set()

    def _deliver_forever(self) -> None:
        """The outbox thread: delivers when kicked, and when the next item falls due (a retry, say), and
        at least every DELIVERY_SECONDS for items another process queued without kicking this one."""
        while not self._stopping.is_set():
            self._again.wait(self.idle_seconds())
            if self._stopping.is_set():
                return
            try:
                self.deliver()
            except Exception:
                log.exception("outbox delivery failed; trying again in %s s", DELIVERY_SECONDS)
                self._paused_until = self.runtime.now() + dt.timedelta(seconds=DELIVERY_SECONDS)

    def idle_seconds(self) -> float:
        """How long the outbox thread may sleep now: not at all while an item is due, until the next one
        falls due otherwise (at most DELIVERY_SECONDS), and never less than Slack's Retry-After. Once a
        delivery found due items it could not claim (another dispatcher holds them), DELIVERY_SECONDS."""
        now: dt.datetime = self.runtime.now()
        if self._paused_until is not None and self._paused_until > now:
            return min((self._paused_until - now).total_seconds(), DELIVERY_SECONDS)
        due = self.dispatcher.next_due()
        if due is None:
            return DELIVERY_SECONDS
        if due <= now:
            return DELIVERY_SECONDS if self._stuck else 0.0
        return min((due - now).total_seconds(), DELIVERY_SECONDS)

    def deliver(self) -> int:
        """Send what is due; one delivery at a time, going on without a pause while a batch came back full
        (more is due) or a change arrived meanwhile, so 10,000 reminders go out back to back. When Slack
        says to slow down, the next delivery waits its Retry-After (see `idle_seconds`)."""
        if not self._delivering.acquire(blocking=False):
            self._again.set()
            return 0
        sent = 0
        try:
            more, self._stuck, self._paused_until = True, False, None
            while more and not self._stopping.is_set():
                self._again.clear()
                done = self.dispatcher.run_round(stopping=self._stopping.is_set)
                self.rounds += 1
                sent += done.sent
                if done.pause:
                    self._paused_until = self.runtime.now() + dt.timedelta(seconds=done.pause)
                    return sent
                self._stuck = done.claimed == 0
                more = done.more or self._again.is_set()
        finally:
            self._delivering.release()
        return sent

    def remind(self, meeting_id: int) -> int:
        with self.db.session() as session:
            queued = send_reminders(session, self.runtime.settings, meeting_id, self.runtime.now())
        self.kick()
        return queued

    def sync(self) -> None:
        """Make the stored jobs what the planners want: add and move jobs, drop the ones no longer wanted.

        A stored job that is already due (missed while the bot was down) is left alone: APScheduler runs it
        once within the grace period, and what it sends is deduplicated by the outbox. A stored job whose
        function is not the one the registry names now (a job function moved) is replaced.
        """
        with self._planning:
            self._sync()

    def _sync(self) -> None:
        settings, now = self.runtime.settings, self.runtime.now()
        with self.db.session() as session:
            revision = revisions.current(session)  # read first: a change committed meanwhile raises it
            wanted = {job.id: job for job in planned_jobs(session, settings, now)}
        self.plans += 1
        due = utcnow()  # APScheduler's clock, which is the wall clock
        for job in self.scheduler.get_jobs(jobstore="default"):
            missed = job.next_run_time is not None and job.next_run_time <= due
            if job.id.startswith(PREFIXES) and job.id not in wanted and not missed:
                self._remove(job.id)  # it may have just run (and so be gone): that is no error
        for planned in wanted.values():
            func = job_function(planned)
            existing = self.scheduler.get_job(planned.id, jobstore="default")
            if (
                existing is not None
                and existing.func_ref == obj_to_ref(func)
                and (
                    existing.next_run_time is None
                    or existing.next_run_time <= due
                    or (existing.next_run_time == planned.run_at and tuple(existing.args) == planned.args)
                )
            ):
                continue
            self.scheduler.add_job(
                func,
                "date",
                run_date=planned.run_at,
                args=list(planned.args),
                id=planned.id,
                jobstore="default",
                replace_existing=True,
            )
        self._planned_from, self._quiet_ticks = revision, 0

    def catch_up(self) -> None:
        """Run once, now, the work that fell due while the bot was down. A missed job still stored and
        within the grace period is left to the store, which runs it once; one past it would only be
        skipped there, so it is dropped from the store and run here instead."""
        settings, now = self.runtime.settings, self.runtime.now()
        with self.db.session() as session:
            missed = missed_jobs(session, settings, now)
        grace = dt.timedelta(seconds=settings.scheduler_grace_seconds)
        for job in missed:
            stored = self.scheduler.get_job(job.id, jobstore="default")
            if stored is not None and stored.next_run_time is not None:
                if stored.next_run_time > utcnow() - grace:
                    continue
                self._remove(job.id)
            self.scheduler.add_job(
                job_function(job),
                args=list(job.args),
                id=f"catch-up:{job.id}",
                jobstore="memory",
                replace_existing=True,
            )

    def _remove(self, job_id: str) -> None:
        try:
            self.scheduler.remove_job(job_id, jobstore="default")
        except JobLookupError:
            log.debug("job %s: already gone", job_id)
