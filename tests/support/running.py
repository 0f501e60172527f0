"""The bot as Slack sees it: the real Flask/Bolt app on a loopback port, spoken to with signed requests."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from werkzeug.serving import BaseWSGIServer, make_server

from bot.app import create_app
from bot.runtime import Runtime, prepare
from bot.web import create_web_app
from config.settings import Settings
from devtools.localslack.payloads import (
    block_actions,
    event_callback,
    signed_headers,
    slash_command,
    view_submission,
)
from devtools.localslack.server import SlackStandIn


@dataclass
class RunningBot:
    runtime: Runtime
    standin: SlackStandIn
    secret: str
    server: BaseWSGIServer
    thread: threading.Thread
    last_ack: float = 0.0  # when the last acknowledgement arrived (time.time(), as the stand-in records)

    @classmethod
    def start(
        cls,
        settings: Settings,
        standin: SlackStandIn,
        secret: str,
        now: Callable[[], dt.datetime] | None = None,
    ) -> RunningBot:
        runtime = prepare(settings, now=now) if now is not None else prepare(settings)
        app = create_app(runtime)
        web = create_web_app(app, runtime)
        server = make_server("127.0.0.1", 0, web, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        # As `osallisuus serve` does: the directory is read from Slack (the stand-in) in the background.
        # Tests wait for that first sync, so that they start from a bot that knows its workspace.
        sync = runtime.start_directory(app.client)
        assert sync.first_sync.wait(timeout=20), "the directory's start-up sync did not finish"
        return cls(runtime, standin, secret, server, thread)

    def sync_directory(self) -> None:
        """Read the workspace from the stand-in again, as the bot does every few hours: for tests that
        change the stand-in's people or channels after the bot started."""
        assert self.runtime.directory is not None and self.runtime.directory.sync_all()

    def stop(self) -> None:
        self.runtime.settle()
        self.runtime.stop_background()  # a test that started the scheduler and its outbox thread
        self.runtime.stop_directory()
        self.server.shutdown()
        self.server.server_close()
        self.runtime.db.dispose()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def post(self, body: str, content_type: str, headers: dict[str, str] | None = None) -> requests.Response:
        """Send a request as Slack does. The response is the acknowledgement (`response.elapsed` is how
        long Slack would have waited for it); this returns once the work after the acknowledgement is
        done too, so that a test can look at its outcome."""
        sent = {"Content-Type": content_type, **(headers or signed_headers(self.secret, body))}
        response = requests.post(f"{self.url}/slack/events", data=body.encode(), headers=sent, timeout=10)
        self.last_ack = time.time()
        assert self.runtime.settle(), "the work after the acknowledgement did not finish"
        return response

    def command(self, user_id: str, text: str, **kwargs: Any) -> requests.Response:
        body, content_type = slash_command(user_id, text, self.standin.response_url(), **kwargs)
        return self.post(body, content_type)

    def reply(self, user_id: str, text: str, **kwargs: Any) -> dict[str, Any]:
        """The ephemeral answer to a slash command, as Slack would show it to the user: the
        acknowledgement, or for slow work the answer that replaced its "working on it" note."""
        before = len(self.standin.calls_to("response_url"))
        response = self.command(user_id, text, **kwargs)
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        assert answer["response_type"] == "ephemeral"
        if not is_working(answer):
            return answer
        [replaced] = self.standin.calls_to("response_url")[before:]
        assert replaced.args["response_type"] == "ephemeral" and replaced.args["replace_original"] is True
        return replaced.args

    def click(self, user_id: str, action_id: str, value: str, **kwargs: Any) -> requests.Response:
        action = {"action_id": action_id, "value": value, "text": {"type": "plain_text", "text": action_id}}
        body, content_type = block_actions(user_id, action, self.standin.response_url(), **kwargs)
        return self.post(body, content_type)

    def submit(self, user_id: str, view: dict[str, Any], values: dict[str, Any]) -> requests.Response:
        """A modal submitted as Slack sends it: `view_submission` with the inputs' state."""
        body, content_type = view_submission(user_id, view, values)
        return self.post(body, content_type)

    def event(self, event: dict[str, Any]) -> requests.Response:
        body, content_type = event_callback(event)
        return self.post(body, content_type)


def eventually(check: Callable[[], bool], timeout: float = 5.0) -> None:
    """Wait for what the bot does after it answered (an event's work, a background refresh)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("the expected change did not happen in time")
        time.sleep(0.02)


def is_working(message: dict[str, Any]) -> bool:
    """Whether a command's acknowledgement is the "working on it" note of slow work after it."""
    blocks = message.get("blocks") or []
    return any(block.get("block_id") == "working" for block in blocks)


def texts(message: dict[str, Any]) -> str:
    """Every text in a message's blocks, joined, so tests can look for what the user would read."""
    blocks = message.get("blocks")
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks or []
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in {"mrkdwn", "plain_text"} and isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return "\n".join(found)
