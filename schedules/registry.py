"""Every kind of scheduled work, by the prefix of its job ids."""

from __future__ import annotations

from meetings.reminders import plan_reminders
from schedules.planning import JobKind

JOB_KINDS: list[JobKind] = [
    JobKind("meeting-reminder", plan_reminders),
]
