"""What can go wrong before the bot serves, said in one line: the database or Slack unreachable, or Slack
refusing the token.

Unreachable is often passing (a database still starting beside the bot, a network blip), so it is tried
again with a growing pause, each failure logged as one line, for `START_RETRY_SECONDS`; a refused token
will not get better, so it stops the start at once. Either way the failure ends as `StartupError`, whose
message is the one line the operator reads; no traceback.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from config.settings import Settings

if TYPE_CHECKING:
    from slack_bolt import App

    from participation.storage.db import Database

log = logging.getLogger(__name__)
T = TypeVar("T")
FIRST_PAUSE, LONGEST_PAUSE = 1.0, 15.0


class StartupError(Exception):
    """The start cannot go on; the message is one line."""


class Passing(Exception):
    """A failure worth trying again (something unreachable); the message is one line."""


def retrying(
    what: Callable[[], T],
    seconds: float,
    heartbeat: Callable[[], None] = lambda: None,
    given_up: threading.Event | None = None,
) -> T:
    """`what()`, tried again after each `Passing` failure until `seconds` have gone by. `heartbeat` is
    called while waiting (gunicorn's worker tells its master it is alive); `given_up` ends the waiting
    early when something else in the start has failed already."""
    deadline = time.monotonic() + seconds
    pause = FIRST_PAUSE
    while True:
        try:
            return what()
        except Passing as failure:
            left = deadline - time.monotonic()
            if left <= 0 or (given_up is not None and given_up.is_set()):
                raise StartupError(f"{failure}; giving up") from None
            wait = min(pause, left)
            log.warning("%s; trying again in %.1f s", failure, wait)
            _sleep(wait, heartbeat, given_up)
            pause = min(pause * 2, LONGEST_PAUSE)


def _sleep(seconds: float, heartbeat: Callable[[], None], given_up: threading.Event | None) -> None:
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        heartbeat()
        if given_up is not None and given_up.wait(min(left, 1.0)):
            return
        if given_up is None:
            time.sleep(min(left, 1.0))


def database_problem(error: BaseException) -> str | None:
    """One line for a database that could not be reached or used, or None for any other error."""
    from sqlalchemy.exc import ArgumentError, InterfaceError, NoSuchModuleError, OperationalError

    if isinstance(error, ArgumentError | NoSuchModuleError):
        return f"DATABASE_URL is invalid: {_first_line(error)}"
    if isinstance(error, OperationalError | InterfaceError):
        return f"database unreachable: {_first_line(error.orig or error)}"
    return None


def reach_database(url: str) -> Database:
    """Connect once; `Passing` when the database does not answer. The database, with the connection in
    its pool, is the one the worker then serves with (one connection set up, not two)."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from participation.storage.db import Database

    db: Database | None = None
    try:
        db = Database(url)
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return db
    except Exception as error:
        if db is not None:
            db.dispose()
        if isinstance(error, OperationalError):
            raise Passing(database_problem(error)) from None
        problem = database_problem(error)
        if problem is None:
            raise
        raise StartupError(problem) from None


def verified_slack(settings: Settings) -> App:
    """The Bolt app, whose building asks Slack's auth.test: `Passing` when Slack cannot be reached or
    answers 429/5xx, `StartupError` when it refuses the token."""
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackApiError

    from bot.app import bolt_app

    def quiet(_record: logging.LogRecord) -> bool:
        return False

    client_log = logging.getLogger("slack_sdk.web.base_client")
    client_log.addFilter(quiet)  # its lines about the failed call would repeat ours, and less clearly
    try:
        return bolt_app(settings)
    except BoltError as error:
        cause = error.__context__
        if not isinstance(cause, SlackApiError):
            raise StartupError(f"Slack app: {_first_line(error)}") from None
        status, code = cause.response.status_code, _error_code(cause)
        if status == 429 or status >= 500:
            raise Passing(f"Slack unavailable at {settings.slack_api_url} (HTTP {status})") from None
        raise StartupError(f"Slack refused SLACK_BOT_TOKEN ({code}): check the token") from None
    except OSError as error:  # urllib's URLError, a refused connection, a time-out
        reason = getattr(error, "reason", error)
        raise Passing(f"Slack unreachable at {settings.slack_api_url}: {reason}") from None
    finally:
        client_log.removeFilter(quiet)


def _error_code(error: Exception) -> str:
    response = getattr(error, "response", None)
    data = getattr(response, "data", None)
    return str(data.get("error", "error")) if isinstance(data, dict) else "error"


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0].strip() if lines else type(error).__name__
