"""Logging that cannot leak a secret, in one format for every logger (ours, gunicorn's, the libraries').

`LOG_FORMAT=plain` (the default) writes one line of text per record, `LOG_FORMAT=json` one JSON object.
Every record is scrubbed on its way out, message and traceback alike: the configured secrets, anything
that looks like a Slack token, and anything that looks like an e-mail address. A record written while a
request is handled carries that request's id (`REQUEST_ID`, set by the web layer), so its lines can be
told from another's.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Mapping
from contextvars import ContextVar

from config.settings import Settings

REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)
# The response header that carries the id to gunicorn's access log, which is written after the request.
REQUEST_ID_HEADER = "X-Request-Id"
_ACCESS_ATOM = "{" + REQUEST_ID_HEADER.lower() + "}o"

_TOKEN = re.compile(r"xox[abeoprs]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PLAIN = "%(asctime)s %(levelname)s %(name)s%(request)s: %(message)s"


class Redactor:
    # A secret shorter than this is not looked for: it would blank out letters all over the log.
    SHORTEST = 4

    def __init__(self, secrets: list[str]) -> None:
        kept = (secret for secret in secrets if len(secret) >= self.SHORTEST)
        self._secrets = sorted(kept, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return _EMAIL.sub("***@***", _TOKEN.sub("***", text))


class RedactSecrets(logging.Filter):
    """For a handler that formats records itself (pytest's caplog): the message scrubbed in place."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._redact = Redactor(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self._redact(record.getMessage()), None
        return True


class RequestIds(logging.Filter):
    """Puts the request id on the record: the current request's, or for gunicorn's access line, the one
    its response carried."""

    def filter(self, record: logging.LogRecord) -> bool:
        found = REQUEST_ID.get()
        if found is None and isinstance(record.args, Mapping):
            atom = record.args.get(_ACCESS_ATOM)
            found = atom if isinstance(atom, str) and atom != "-" else None
        record.request_id = found
        return True


class PlainFormatter(logging.Formatter):
    def __init__(self, redact: Redactor) -> None:
        super().__init__(_PLAIN)
        self._redact = redact

    def format(self, record: logging.LogRecord) -> str:
        request_id = getattr(record, "request_id", None)
        record.request = f" [{request_id}]" if request_id else ""
        return self._redact(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, thread, message, and when there
    are, request_id and exception."""

    def __init__(self, redact: Redactor) -> None:
        super().__init__()
        self._redact = redact

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "thread": record.threadName,
            "message": self._redact(record.getMessage()),
        }
        request_id = getattr(record, "request_id", None)
        if request_id:
            entry["request_id"] = request_id
        if record.exc_info:
            entry["exception"] = self._redact(self.formatException(record.exc_info))
        if record.stack_info:
            entry["stack"] = self._redact(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False)


def secrets_of(settings: Settings) -> list[str]:
    values = [
        settings.slack_bot_token,
        settings.slack_signing_secret,
        settings.slack_app_token,
        settings.smtp_password,
    ]
    found = [value.get_secret_value() for value in values if value is not None]
    password = re.search(r"://[^:/@]+:([^@]+)@", settings.database_url)
    if password:
        found.append(password.group(1))
    return found


def log_handler(settings: Settings) -> logging.Handler:
    """The one handler every record goes through, to standard error."""
    handler = logging.StreamHandler()
    redact = Redactor(secrets_of(settings))
    formatter = JsonFormatter(redact) if settings.log_format == "json" else PlainFormatter(redact)
    handler.setFormatter(formatter)
    handler.addFilter(RequestIds())
    return handler


def configure_logging(settings: Settings, level: int = logging.INFO) -> None:
    root = logging.getLogger()
    root.handlers[:] = [log_handler(settings)]
    root.setLevel(level)


def gunicorn_logconfig(settings: Settings) -> dict[str, object]:
    """gunicorn's `logconfig_dict`: its error and access loggers lose their own handlers and pass their
    records to the root logger's one handler, so all lines share one format."""
    own = {"level": "INFO", "handlers": [], "propagate": True}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "root": {"level": "INFO", "handlers": ["main"]},
        "loggers": {"gunicorn.error": own, "gunicorn.access": dict(own)},
        "handlers": {"main": {"()": lambda: log_handler(settings)}},
        "formatters": {},
    }
