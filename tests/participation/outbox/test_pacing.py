"""The transport's pace per conversation, on a clock the test moves: Slack's one post a second after a
short burst in one conversation, and no wait at all for many posts to many people."""

from __future__ import annotations

from bot.transport import POST_BURST, Pacer


class FakeTime:
    """A monotonic clock that only moves when the pacer sleeps (or the test says so)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_many_posts_to_many_people_never_wait() -> None:
    time = FakeTime()
    pacer = Pacer(clock=time.clock, sleep=time.sleep)

    for n in range(1000):
        pacer.wait(f"U{n:05d}")

    assert time.slept == []


def test_one_conversation_gets_a_burst_then_one_a_second() -> None:
    time = FakeTime()
    pacer = Pacer(clock=time.clock, sleep=time.sleep)

    for _ in range(POST_BURST + 3):
        pacer.wait("C1")

    assert time.slept == [1.0, 1.0, 1.0]


def test_a_quiet_conversation_earns_its_burst_back() -> None:
    time = FakeTime()
    pacer = Pacer(clock=time.clock, sleep=time.sleep)
    for _ in range(POST_BURST):
        pacer.wait("C1")

    time.now += POST_BURST  # a quiet while
    for _ in range(POST_BURST):
        pacer.wait("C1")

    assert time.slept == []
