"""What runs beside the request handlers: APScheduler, with its jobs in the database, and the outbox
dispatcher. A job that fell due while the bot was down runs once when it is back (within
SCHEDULER_GRACE_SECONDS); what it sends goes through the outbox, whose keys stop a second sending."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from participation import directory
from participation.i18n import translator
from participation.meetings.reminders import send_reminders
from participation.outbox.dispatcher import Dispatcher
from participation.outbox.items import Kind, enqueue, slack_message
from participation.storage.db import Database
from participation.storage.models import OutboxItem, utcnow
from schedules import jobs
from schedules.planning import missed_jobs, planned_jobs
from schedules.registry import JOB_KINDS

log = logging.getLogger(__name__)
DELIVERY_SECONDS = 15


class Background:
    def __init__(self, runtime: Any, client: WebClient) -> None:
        self.runtime = runtime
        self.client = client
        settings = runtime.settings
        self.dispatcher = Dispatcher(
            runtime.db, client, settings, now=runtime.now, on_failed=self._tell_coordinators
        )
        self.scheduler = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=runtime.db.engine), "memory": MemoryJobStore()},
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": settings.scheduler_grace_seconds,
            },
            timezone=dt.UTC,
        )
        self._delivering = threading.Lock()
        self._again = threading.Event()
        self._stopping = threading.Event()
        self._courier: threading.Thread | None = None

    @property
    def db(self) -> Database:
        db = self.runtime.db
        assert isinstance(db, Database)
        return db

    def start(self) -> None:
        jobs.install(self)
        self.dispatcher.recover()
        self.scheduler.start()
        self._stopping.clear()
        self._courier = threading.Thread(target=self._deliver_forever, name="outbox", daemon=True)
        self._courier.start()
        self.sync()
        self.catch_up()

    def stop(self) -> None:
        self._stopping.set()
        self._again.set()
        if self._courier is not None:
            self._courier.join(timeout=30)
            self._courier = None
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        jobs.install(None)

    def changed(self) -> None:
        """After a change commits: reschedule what depends on meetings, and send what it queued now."""
        self.sync()
        self.kick()

    def kick(self) -> None:
        """Wake the outbox thread now; a delivery already running goes round once more."""
        self._again.set()

    def _deliver_forever(self) -> None:
        """The outbox thread: delivers when kicked, and every DELIVERY_SECONDS for retries that fall due."""
        while not self._stopping.is_set():
            self._again.wait(DELIVERY_SECONDS)
            if self._stopping.is_set():
                return
            try:
                self.deliver()
            except Exception:
                log.exception("outbox delivery failed; trying again in %s s", DELIVERY_SECONDS)

    def deliver(self) -> int:
        """Send what is due; one delivery at a time, repeated while changes keep arriving."""
        if not self._delivering.acquire(blocking=False):
            self._again.set()
            return 0
        sent = 0
        try:
            self._again.set()
            while self._again.is_set():
                self._again.clear()
                sent += self.dispatcher.run_once()
        finally:
            self._delivering.release()
        return sent

    def remind(self, meeting_id: int) -> int:
        with self.db.session() as session:
            queued = send_reminders(
                session, self.runtime.settings, meeting_id, self.runtime.now(), self.language
            )
        self.kick()
        return queued

    def language(self, user_id: str) -> str:
        """A person's language for a message the bot starts: their choice, else their Slack locale (as
        the directory has it), else DEFAULT_LANGUAGE."""
        language = self.runtime.people.language(user_id)
        assert isinstance(language, str)
        return language

    def sync(self) -> None:
        """Make the stored jobs what the planners want: add and move jobs, drop the ones no longer wanted.

        A stored job that is already due (missed while the bot was down) is left alone: APScheduler runs it
        once within the grace period, and what it sends is deduplicated by the outbox.
        """
        settings, now = self.runtime.settings, self.runtime.now()
        with self.db.session() as session:
            wanted = {job.id: job for job in planned_jobs(JOB_KINDS, session, settings, now)}
        prefixes = tuple(kind.prefix + ":" for kind in JOB_KINDS)
        due = utcnow()  # APScheduler's clock, which is the wall clock
        for job in self.scheduler.get_jobs(jobstore="default"):
            missed = job.next_run_time is not None and job.next_run_time <= due
            if job.id.startswith(prefixes) and job.id not in wanted and not missed:
                job.remove()
        for planned in wanted.values():
            existing = self.scheduler.get_job(planned.id, jobstore="default")
            if existing is not None and (
                existing.next_run_time is None
                or existing.next_run_time <= due
                or (existing.next_run_time == planned.run_date and tuple(existing.args) == planned.args)
            ):
                continue
            self.scheduler.add_job(
                planned.func,
                "date",
                run_date=planned.run_date,
                args=list(planned.args),
                id=planned.id,
                jobstore="default",
                replace_existing=True,
            )

    def catch_up(self) -> None:
        """Run once, now, the work that fell due while the bot was down and is past the grace period."""
        settings, now = self.runtime.settings, self.runtime.now()
        with self.db.session() as session:
            missed = missed_jobs(JOB_KINDS, session, settings, now)
        for job in missed:
            self.scheduler.add_job(
                job.func,
                args=list(job.args),
                id=f"catch-up:{job.id}",
                jobstore="memory",
                replace_existing=True,
            )

    def _tell_coordinators(self, session: Session, item: OutboxItem) -> None:
        """A failed item is not silent: each coordinator gets a direct message naming it."""
        if item.key.startswith("failed:"):
            return  # a notice about a notice would only repeat the same trouble
        settings = self.runtime.settings
        for user in directory.coordinator_ids(session, settings.coordinator_users):
            _ = translator(self.language(user))
            text = _("I could not send {what} after {attempts} attempts: {error}").format(
                what=_describe(item), attempts=item.attempts, error=item.last_error or "?"
            )
            enqueue(session, f"failed:{item.id}:{user}", Kind.SLACK_MESSAGE, slack_message(user, text))


def _describe(item: OutboxItem) -> str:
    target = item.payload.get("channel") or ", ".join(item.payload.get("to") or [])
    return f"{item.kind} → {target} ({item.key})"
