"""The bot and the baseline app, each served in this process on a threaded werkzeug server on loopback,
and the count of SQL statements one `status` costs on the bot's engine."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests
from flask import Flask
from sqlalchemy import Engine, event
from werkzeug.serving import make_server

from bot.app import create_app
from bot.runtime import Runtime, prepare
from bot.web import create_web_app
from config.settings import Settings
from devtools.localslack.payloads import signed_headers, slash_command
from devtools.localslack.server import SlackStandIn


@contextmanager
def served(web: Flask) -> Iterator[str]:
    """`web` on a free loopback port for the block's duration; yields its base URL."""
    server = make_server("127.0.0.1", 0, web, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="bench-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def bot(settings: Settings) -> Iterator[tuple[Runtime, Flask]]:
    """The bot as `osallisuus serve` builds it, with the directory read from the stand-in first."""
    runtime = prepare(settings)
    app = create_app(runtime)
    sync = runtime.start_directory(app.client)
    sync.first_sync.wait(timeout=30)
    try:
        yield runtime, create_web_app(app, runtime)
    finally:
        runtime.settle()
        runtime.stop_directory()
        runtime.db.dispose()


def statements_per_command(runtime: Runtime, url: str, secret: str, text: str, standin: SlackStandIn) -> int:
    """SQL statements the bot runs for one `/osallisuus <text>`, the work after the ack included. The
    directory's own thread may read a person's freshness meanwhile; that is the directory's cost."""
    runtime.settle()
    counted = [0]

    def count(*_: Any) -> None:
        counted[0] += 1

    event.listen(Engine, "before_cursor_execute", count)  # the replay guard's own engine (PostgreSQL) too
    try:
        body, content_type = slash_command("UBENCH00", text, standin.response_url())
        headers = {"Content-Type": content_type, **signed_headers(secret, body)}
        requests.post(f"{url}/slack/events", data=body.encode(), headers=headers, timeout=10)
        runtime.settle()
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    return counted[0]
