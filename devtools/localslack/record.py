"""What the bot asked of the stand-in: every call in order, and the calls Slack would have refused."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from werkzeug.wrappers import Response

from devtools.localslack.faults import Faults
from devtools.localslack.wire import Json


@dataclass(frozen=True)
class Call:
    """One request the bot made: a Web API method, or a post to a response_url (method `response_url`)."""

    method: str
    args: Json
    token: str | None
    at: float = field(default_factory=time.time)
    answer: Json = field(default_factory=dict)  # what the stand-in answered, e.g. a new view's id


@dataclass(frozen=True)
class Refusal:
    """A call Slack would have refused, with Slack's answer: the bot must not make one by itself."""

    call: Call
    answer: Json

    @property
    def error(self) -> str:
        return str(self.answer.get("error"))


class Recorder(Faults):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[Call] = []
        self.refusals: list[Refusal] = []
        self.listeners: list[Callable[[Call], None]] = []

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """The calls to `method` once there are at least `count`; AssertionError if they never come."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                calls = [call for call in self.calls if call.method == method]
                remaining = deadline - time.monotonic()
                if len(calls) >= count or remaining <= 0:
                    break
                self._lock.wait(remaining)
        if len(calls) < count:
            raise AssertionError(f"expected {count} call(s) to {method}, got {len(calls)}")
        return calls

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()

    def _record_and_answer(self, method: str, args: Json, token: str | None, answer: Json) -> Response:
        self._record(Call(method, args, token, answer=answer))
        return Response(json.dumps(answer), content_type="application/json")

    def _refuse(self, call: Call, answer: Json) -> None:
        with self._lock:
            self.refusals.append(Refusal(call, answer))
        self._record(call)

    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)
            self._lock.notify_all()
        for listener in list(self.listeners):
            listener(call)
