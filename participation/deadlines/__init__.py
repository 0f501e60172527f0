"""The plan's reporting deadlines: when each falls, which indicators are still missing for it and whose
they are, and the reminders and summaries that go out before and on the day."""
