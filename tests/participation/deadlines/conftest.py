"""The bot on a hand-moved clock set early in January 2025, when the yearly report 2024 is being made."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from config.settings import Settings
from devtools.localslack.server import SlackStandIn
from tests.conftest import SIGNING_SECRET
from tests.support.clock import Clock, helsinki
from tests.support.running import RunningBot


@pytest.fixture
def january(clock: Clock) -> Clock:
    clock.set(helsinki(2025, 1, 2, 10))
    return clock


@pytest.fixture
def report_bot(settings: Settings, standin: SlackStandIn, january: Clock) -> Iterator[RunningBot]:
    running = RunningBot.start(settings, standin, SIGNING_SECRET, now=january)
    yield running
    running.stop()
