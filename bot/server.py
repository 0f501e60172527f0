"""`osallisuus serve`: gunicorn in front of the Flask app; the scheduler (and Socket Mode, when configured)
run inside the single worker process.

One worker with threads, because the scheduler must run once. Gunicorn forks that worker from its master,
so the worker starts its own background threads after the fork and drops the connections it inherited.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.app import create_app, web_client
from bot.runtime import Runtime
from bot.web import create_web_app

log = logging.getLogger(__name__)


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, web: Flask, options: dict[str, Any]) -> None:
        self._web = web
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self._web


def serve(runtime: Runtime) -> None:
    app = create_app(runtime)

    def post_fork(_server: Any, _worker: Any) -> None:
        runtime.db.engine.dispose(close=False)

    def post_worker_init(_worker: Any) -> None:
        runtime.start_directory(app.client)  # reads Slack in its own thread: serving starts at once
        runtime.start_background(app.client)
        if runtime.settings.slack_app_token is not None:
            _start_socket_mode(app, runtime)

    def worker_exit(_server: Any, _worker: Any) -> None:
        runtime.stop_background()
        runtime.stop_directory()

    options = {
        "bind": f"0.0.0.0:{runtime.settings.port}",
        "workers": 1,
        "worker_class": "gthread",
        "threads": 8,
        "timeout": 60,
        "accesslog": "-",
        # The path without its query string: a calendar feed's URL carries its secret token there.
        "access_log_format": '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss',
        "loglevel": "info",
        "post_fork": post_fork,
        "post_worker_init": post_worker_init,
        "worker_exit": worker_exit,
    }
    _Gunicorn(create_web_app(app, runtime), options).run()


def _start_socket_mode(app: App, runtime: Runtime) -> None:
    token = runtime.settings.slack_app_token
    assert token is not None
    handler = SocketModeHandler(app, token.get_secret_value(), web_client=web_client(runtime))
    handler.connect()  # type: ignore[no-untyped-call]
    log.info("Socket Mode connected; HTTP serves /healthz and the calendar feeds")
