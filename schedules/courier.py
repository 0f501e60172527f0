"""The outbox thread: it sends what is due from the outbox, on every replica, apart from the scheduler
(which only the leader runs), so a send waits on neither the scheduler nor a request."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any

from participation.notices import compose
from participation.outbox.dispatcher import Dispatcher
from participation.outbox.outgoing import Transport
from schedules.failures import FailureNotices

log = logging.getLogger(__name__)
DELIVERY_SECONDS = 15


class Courier:
    def __init__(self, runtime: Any, transport: Transport) -> None:
        """`transport` is the edge's way to Slack (bot/transport.py); nothing here knows Slack itself."""
        self.runtime = runtime
        self.dispatcher = Dispatcher(
            runtime.db,
            transport,
            runtime.settings,
            now=runtime.now,
            on_failed=FailureNotices(lambda: runtime.settings),
            compose=compose,
        )
        self._delivering = threading.Lock()
        self._again = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._paused_until: dt.datetime | None = None  # Slack said to slow down: no sends before then
        self._stuck = False  # the last round claimed nothing
        self.rounds = 0  # dispatcher rounds run, for tests that count passes rather than time

    def start(self, alone: bool) -> None:
        """Settle the claims a stopped process left (when not `alone`, only those whose lease ran out),
        then send from the outbox at once."""
        self.dispatcher.recover(alone=alone)
        self._stopping.clear()
        self._thread = threading.Thread(target=self._deliver_forever, name="outbox", daemon=True)
        self._thread.start()

    def halt(self) -> None:
        """No send starts from now on; the thread ends with the sends in flight (see `join`)."""
        self._stopping.set()
        self._again.set()

    def join(self, timeout: float) -> None:
        if self._thread is not None:
            self._thread.join(timeout=timeout)
        self._thread = None

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
