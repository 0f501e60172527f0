"""The progress page's tests run on the bot with the report tests' year (2025 on the 2023–2025 plan:
meetings held, confirmations with evidence, an owner, a poll's figures), served on a loopback port."""

from __future__ import annotations

import pytest

from tests.participation.reports.support import build_year
from tests.support.clock import Clock, helsinki
from tests.support.running import RunningBot


@pytest.fixture
def clock() -> Clock:
    return Clock(helsinki(2025, 2, 3, 10))


@pytest.fixture
def year_bot(network_bot: RunningBot, clock: Clock) -> RunningBot:
    build_year(network_bot, clock)
    return network_bot
