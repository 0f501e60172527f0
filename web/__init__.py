"""The plan's progress on the web (`GET /plan`, `/plan/<plan>/<year>`): the dashboard's read model
(participation.dashboard) drawn a third way, as an accessible HTML page in fi, sv or en, for the people
who are not in Slack. Knows nothing of Slack: `bot/web.py` mounts it on the Flask app."""

from web.routes import progress_pages

__all__ = ["progress_pages"]
