"""`osallisuus serve`: gunicorn in front of the Flask app; the scheduler (and Socket Mode, when configured)
run inside the single worker process.

One worker with threads, because the scheduler must run once. The gunicorn master stays light: it holds
the settings and the listening socket, and forks the worker, which alone brings the schema up to date,
builds the app and starts its background threads. Nothing the app loads is held twice (once in the
master, once in the worker as pages copied on write), and no connection or thread crosses the fork. A
worker that gunicorn restarts builds everything afresh; the schema upgrade is then a quick no-op.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING, Any

from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter

from bot.startup import StartupError, database_problem, reach_database, retrying, verified_slack
from config.logs import gunicorn_logconfig
from config.settings import Settings

if TYPE_CHECKING:
    from flask import Flask
    from slack_bolt import App

    from bot.runtime import Runtime

log = logging.getLogger(__name__)
# How long a stopping worker may take: requests in flight answered, the outbox's send in flight recorded.
# The container's stop grace period must be longer (README "Operation", Dockerfile).
GRACEFUL_SECONDS = 30
STOP_MARGIN_SECONDS = 3  # of the grace, kept for the directory's stop and the worker's own exit


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    """Gunicorn's application: `load` runs in the worker, after the fork, never in the master."""

    def __init__(self, settings: Settings, options: dict[str, Any]) -> None:
        self._settings = settings
        self._options = options
        self.runtime: Runtime | None = None
        self.bolt: App | None = None
        self.heartbeat: Callable[[], None] = lambda: None
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        try:
            self.runtime, self.bolt, web = build(self._settings, self.heartbeat)
        except StartupError as error:
            # One line, and the exit code that makes gunicorn's master stop ("Worker failed to boot")
            # rather than boot the worker again and again.
            log.error("cannot start: %s", error)
            sys.exit(Arbiter.WORKER_BOOT_ERROR)
        return web


def build(settings: Settings, heartbeat: Callable[[], None] = lambda: None) -> tuple[Runtime, App, Flask]:
    """What the worker serves: the schema brought up to date, the bundled plans, the Bolt app behind
    Flask. Its background threads are started by the caller. The database and Slack are waited for
    while unreachable (bot/startup.py); a failure that will not pass raises `StartupError`."""
    # Loading and building make many objects that live as long as the process and little garbage:
    # the collector would only spend start-up time walking them.
    gc.disable()
    try:
        # Imported here, in the worker: the master needs neither the app nor its libraries.
        from bot.app import create_app
        from bot.runtime import prepare
        from bot.web import create_web_app

        # auth.test is a round trip to Slack: it is waited for beside the schema upgrade and the plans,
        # not after them. A database that fails is still reported first.
        seconds, given_up = settings.start_retry_seconds, threading.Event()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="auth-test") as pool:
            verified = pool.submit(retrying, lambda: verified_slack(settings), seconds, heartbeat, given_up)
            try:
                db = retrying(lambda: reach_database(settings.database_url), seconds, heartbeat, given_up)
                runtime = _prepared(settings, partial(prepare, db=db))
            except StartupError:
                given_up.set()
                raise
            app = create_app(runtime, verified.result())
        web = create_web_app(app, runtime)
        # What start-up made lives as long as the process: frozen out of the collector's sight, a full
        # collection later walks only what requests made, instead of pausing every thread for a tenth
        # of a second (measured with `./dev bench`).
        gc.freeze()
        return runtime, app, web
    finally:
        gc.enable()


def _prepared(settings: Settings, prepare: Callable[[Settings], Runtime]) -> Runtime:
    """`prepare`, with a database lost on the way said in one line."""
    try:
        return prepare(settings)
    except Exception as error:
        problem = database_problem(error)
        if problem is None:
            raise
        raise StartupError(problem) from None


def serve(settings: Settings) -> None:
    """Serve until stopped. The schema upgrade and bundled plans happen as the worker boots: a database
    or Slack that cannot be reached is waited for, then stops gunicorn with one line logged (see
    `_Gunicorn.load`). SIGTERM stops it gracefully within GRACEFUL_SECONDS (see `worker_exit`)."""
    application: _Gunicorn

    def post_fork(_server: Any, worker: Any) -> None:
        application.heartbeat = worker.notify  # a worker waiting for the database is not a hung one

    def post_worker_init(_worker: Any) -> None:
        from bot.listeners.warm import warm_up  # in the worker: its package loads Bolt

        runtime, app = application.runtime, application.bolt
        assert runtime is not None and app is not None
        runtime.start_directory(app.client)  # reads Slack in its own thread: serving starts at once
        runtime.start_background_soon(app.client)  # the scheduler loads beside the first requests
        warm_up()  # and the commands too (bot/listeners/warm.py)
        if runtime.settings.slack_app_token is not None:
            _start_socket_mode(app, runtime)

    def worker_exit(_server: Any, _worker: Any) -> None:
        """After SIGTERM, once gunicorn has answered the requests in flight: the work acknowledged
        before it is let finish, then the outbox's send in flight (Background.stop waits for it)."""
        runtime = application.runtime
        if runtime is not None:  # None when the worker failed before its app was built
            ends = time.monotonic() + GRACEFUL_SECONDS - STOP_MARGIN_SECONDS
            runtime.settle(timeout=GRACEFUL_SECONDS / 3)
            runtime.stop_background(timeout=max(0.0, ends - time.monotonic()))
            runtime.stop_directory()
            log.info("stopped")

    def when_ready(_server: Any) -> None:
        """In the master, just before it forks the worker: what the master loaded lives as long as the
        process (and, shared, in the worker): frozen out of the collector's sight, then collect again."""
        gc.freeze()
        gc.enable()

    options = {
        "bind": f"0.0.0.0:{settings.port}",
        "workers": 1,
        "worker_class": "gthread",
        "threads": 8,
        "timeout": 60,
        "graceful_timeout": GRACEFUL_SECONDS,
        "accesslog": "-",
        "logconfig_dict": gunicorn_logconfig(settings),
        # The path without its query string: a calendar feed's URL carries its secret token there.
        "access_log_format": '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss',
        "loglevel": "info",
        "when_ready": when_ready,
        "post_fork": post_fork,
        "post_worker_init": post_worker_init,
        "worker_exit": worker_exit,
    }
    # The master's set-up (gunicorn's configuration, the lock) makes objects that live as long as it and
    # no garbage: collections would only walk them, in front of the worker's start (`when_ready`).
    gc.disable()
    lock = _only_process(settings)  # held by the master, and so by its worker, for as long as they run
    application = _Gunicorn(settings, options)
    try:
        application.run()
    finally:
        gc.enable()
    del lock


def _only_process(settings: Settings) -> object:
    """SQLite serves one process: a second `serve` on the same file stops with one line (the first keeps
    running every job once). On PostgreSQL, replicas elect a leader instead (schedules/leader.py), and
    the master does not load SQLAlchemy at all: the worker loads it, with the collector off (`build`)."""
    if not settings.database_url.startswith("sqlite"):
        return None
    from schedules.leader import AlreadyServing, single_process

    try:
        return single_process(settings.database_url)
    except AlreadyServing as error:
        raise SystemExit(f"osallisuus serve: {error}") from None


def _start_socket_mode(app: App, runtime: Runtime) -> None:
    # Imported here: only a worker with SLACK_APP_TOKEN set needs the Socket Mode client.
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.app import web_client

    token = runtime.settings.slack_app_token
    assert token is not None
    handler = SocketModeHandler(app, token.get_secret_value(), web_client=web_client(runtime))
    handler.connect()  # type: ignore[no-untyped-call]
    log.info("Socket Mode connected; HTTP serves /healthz and the calendar feeds")
