"""The report tests run on the bot with a hand-moved clock, starting early in 2025 (see support.py)."""

from __future__ import annotations

import pytest

from tests.support.clock import Clock, helsinki


@pytest.fixture
def clock() -> Clock:
    return Clock(helsinki(2025, 2, 3, 10))
