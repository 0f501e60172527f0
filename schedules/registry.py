"""Every kind of scheduled work, by the prefix of its job ids."""

from __future__ import annotations

from participation.deadlines.planning import (
    missed_reminder_jobs,
    missed_summary_jobs,
    plan_reminder_jobs,
    plan_summary_jobs,
)
from participation.meetings.reminders import plan_reminders
from participation.polls.planning import (
    missed_poll_closes,
    missed_poll_openings,
    missed_poll_reminders,
    plan_poll_closes,
    plan_poll_openings,
    plan_poll_reminders,
)
from schedules.planning import JobKind

JOB_KINDS: list[JobKind] = [
    JobKind("meeting-reminder", plan_reminders),
    JobKind("deadline-reminder", plan_reminder_jobs, missed_reminder_jobs),
    JobKind("deadline-summary", plan_summary_jobs, missed_summary_jobs),
    JobKind("poll-open", plan_poll_openings, missed_poll_openings),
    JobKind("poll-remind", plan_poll_reminders, missed_poll_reminders),
    JobKind("poll-close", plan_poll_closes, missed_poll_closes),
]
