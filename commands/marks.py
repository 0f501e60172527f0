"""The marks the dashboard, an indicator's history and `mine` draw for a light and an indicator's state,
in one place so they always agree."""

from __future__ import annotations

from participation.dashboard import IndicatorView, Light
from participation.plan.progress import State

LIGHTS = {Light.CONFIRMED: "🟢", Light.MISSING: "🟡", Light.OVERDUE: "🔴", Light.EMPTY: "⚪"}


def state_mark(indicator: IndicatorView) -> str:
    """⏳ not confirmed; ✅ target met, ❌ missed, ☑️ confirmed with no target to meet."""
    if indicator.state != State.CONFIRMED:
        return "⏳"
    return {True: "✅", False: "❌", None: "☑️"}[indicator.met]
