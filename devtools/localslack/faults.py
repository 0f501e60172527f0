"""The trouble a test asks the stand-in for: failures, error codes, slow answers.

Kept apart from the happy path so the stand-in's answers read as Slack's; the lock lives here because
every other part of the stand-in builds on this one.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any, Self


@dataclass
class Failure:
    status: int
    retry_after: int | None = None


class Faults:
    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._failures: dict[str, list[Failure]] = {}
        self._errors: dict[str, list[str]] = {}
        self._delays: dict[str, list[float]] = {}
        self.latency = 0.0

    def fail_next(self, method: str, status: int, retry_after: int | None = None, times: int = 1) -> None:
        with self._lock:
            self._failures.setdefault(method, []).extend(Failure(status, retry_after) for _ in range(times))

    def error_next(self, method: str, error: str, times: int = 1) -> None:
        """Make `method` answer HTTP 200 with `ok: false` and this error code, as Slack does for bad input."""
        with self._lock:
            self._errors.setdefault(method, []).extend([error] * times)

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Make `method` answer only after `seconds`, to outlast the client's time-out.

        The request is still carried out once the delay is over, as a slow Slack would: a client that gave
        up cannot tell whether its message was posted.
        """
        with self._lock:
            self._delays.setdefault(method, []).extend([seconds] * times)

    def slow(self, seconds: float) -> Self:
        """Make every Web API method, response_url post and upload answer `seconds` late (0: at once).

        For tests that prove an acknowledgement does not wait on Slack; the request is still carried out.
        Same as setting `latency`.
        """
        self.latency = seconds
        return self

    def _wait(self, method: str) -> None:
        seconds = (self._take(self._delays, method) or 0.0) + self.latency
        if seconds > 0:
            time.sleep(seconds)

    def _take(self, queues: dict[str, list[Any]], method: str) -> Any:
        with self._lock:
            queue = queues.get(method)
            return queue.pop(0) if queue else None

    def _take_failure(self, method: str) -> Failure | None:
        failure: Failure | None = self._take(self._failures, method)
        return failure
