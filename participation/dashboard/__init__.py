"""The dashboard of the plan as plain data (the read model behind `status`, `mine`, the App Home tab, the
coordinators' deadline summary and the report); the commands draw it, the domain never does."""

from participation.dashboard.build import build_status
from participation.dashboard.texts import localized, value_text
from participation.dashboard.views import (
    DeadlineView,
    IndicatorView,
    Light,
    MeasureView,
    PriorityView,
    StatusError,
    StatusView,
    TargetView,
)

__all__ = [
    "DeadlineView",
    "IndicatorView",
    "Light",
    "MeasureView",
    "PriorityView",
    "StatusError",
    "StatusView",
    "TargetView",
    "build_status",
    "localized",
    "value_text",
]
