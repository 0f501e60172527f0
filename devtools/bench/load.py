"""Bursts of signed slash commands at a fixed concurrency, timed until the person has the answer.

The answer is the HTTP acknowledgement when it carries it. When the acknowledgement is only the "working
on it" note, the answer is the post that replaces it at the `response_url`: such requests wait for the
next post to the stand-in that no other request has claimed, and are timed to it.
"""

from __future__ import annotations

import gc
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import requests

from devtools.localslack.payloads import signed_headers, slash_command
from devtools.localslack.server import Call, SlackStandIn

TIMEOUT = 10.0  # seconds a single request may take before the burst gives up on it


def settled() -> None:
    """Before a timed burst, the same for the bot and the baseline: this process's garbage collected and
    what lives on (the histories made, the stand-in's records of earlier calls) frozen out of the
    collector's sight, as `osallisuus serve` freezes what its start-up made (bot/server.py). Otherwise a
    full collection of the benchmark's own objects, 0.1–0.16 s with 250,000–450,000 of them, lands in
    whichever burst runs then and is its p99."""
    gc.collect()
    gc.freeze()


@dataclass(frozen=True)
class Burst:
    times_ms: list[float]
    late: int  # answers that came after the acknowledgement, at the response_url
    failed: int

    @property
    def p50(self) -> float:
        return statistics.median(self.times_ms) if self.times_ms else float("nan")

    @property
    def p99(self) -> float:
        if not self.times_ms:
            return float("nan")
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


class _LateAnswers:
    """Posts to response_urls as they arrive, each claimed by one waiting request."""

    def __init__(self, standin: SlackStandIn) -> None:
        self._arrived: list[float] = []
        self._ready = threading.Condition()
        self._standin = standin

    def __enter__(self) -> _LateAnswers:
        self._standin.listeners.append(self._heard)
        return self

    def __exit__(self, *_: object) -> None:
        self._standin.listeners.remove(self._heard)

    def _heard(self, call: Call) -> None:
        if call.method == "response_url":
            with self._ready:
                self._arrived.append(time.perf_counter())
                self._ready.notify_all()

    def claim(self) -> float | None:
        with self._ready:
            if not self._ready.wait_for(lambda: bool(self._arrived), TIMEOUT):
                return None
            return self._arrived.pop(0)


def burst(url: str, secret: str, text: str, count: int, standin: SlackStandIn, concurrency: int = 4) -> Burst:
    """`count` signed `/osallisuus <text>` commands, `concurrency` at a time, to `url` (loopback only)."""
    assert url.startswith("http://127.0.0.1:"), url
    settled()
    times: list[float] = []
    late = failed = 0
    lock = threading.Lock()
    with _LateAnswers(standin) as answers:

        def one(number: int) -> None:
            nonlocal late, failed
            body, content_type = slash_command(f"UBENCH{number % 50:02d}", text, standin.response_url())
            headers = {"Content-Type": content_type, **signed_headers(secret, body)}
            started = time.perf_counter()
            try:
                response = requests.post(
                    f"{url}/slack/events", data=body.encode(), headers=headers, timeout=TIMEOUT
                )
                answered: float | None = time.perf_counter()
                ok = response.status_code == 200
                if ok and _is_working(response):
                    answered = answers.claim()
                    with lock:
                        late += 1
            except requests.RequestException:
                ok, answered = False, None
            with lock:
                if ok and answered is not None:
                    times.append((answered - started) * 1000)
                else:
                    failed += 1

        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(one, range(count)))
    return Burst(times, late, failed)


def _is_working(response: requests.Response) -> bool:
    try:
        blocks = response.json().get("blocks") or []
    except ValueError:
        return False
    return any(block.get("block_id") == "working" for block in blocks)
