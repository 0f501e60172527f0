"""A local stand-in for Slack's Web API, at the network edge only.

The bot's WebClient is pointed at it (`SLACK_API_URL`), so the bot's own code runs unchanged. It records
every call and every post to a `response_url`, answers the way Slack does for the methods the bot uses,
and can be told to fail (429 with Retry-After, 5xx) to exercise the bot's retries.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response

Json = dict[str, Any]


@dataclass(frozen=True)
class Call:
    """One request the bot made: a Web API method, or a post to a response_url (method `response_url`)."""

    method: str
    args: Json
    token: str | None
    at: float = field(default_factory=time.time)


@dataclass
class Failure:
    status: int
    retry_after: int | None = None


class SlackStandIn:
    def __init__(self, team_id: str = "T0LOCAL", bot_user_id: str = "UBOTLOCAL") -> None:
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.users: dict[str, Json] = {}
        self.usergroups: dict[str, list[str]] = {}
        self.channels: dict[str, list[str]] = {}
        self.calls: list[Call] = []
        self.listeners: list[Callable[[Call], None]] = []
        self._failures: dict[str, list[Failure]] = {}
        self._lock = threading.Condition()
        self._ids = itertools.count(1)
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    # --- set-up ------------------------------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        name: str,
        locale: str = "fi-FI",
        email: str | None = None,
        tz: str = "Europe/Helsinki",
    ) -> None:
        self.users[user_id] = {
            "id": user_id,
            "name": name.lower().replace(" ", "."),
            "real_name": name,
            "locale": locale,
            "tz": tz,
            "profile": {
                "real_name": name,
                "display_name": name,
                "email": email or f"{user_id.lower()}@example.org",
            },
        }

    def fail_next(self, method: str, status: int, retry_after: int | None = None, times: int = 1) -> None:
        with self._lock:
            self._failures.setdefault(method, []).extend(Failure(status, retry_after) for _ in range(times))

    def start(self) -> SlackStandIn:
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, name="slack-stand-in", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() the stand-in first"
        return f"http://127.0.0.1:{self._server.server_port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def response_url(self) -> str:
        return f"{self.base_url}/respond/{next(self._ids)}"

    # --- reading what happened --------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """The calls to `method` once there are at least `count`; AssertionError if they never come."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                calls = [call for call in self.calls if call.method == method]
                remaining = deadline - time.monotonic()
                if len(calls) >= count or remaining <= 0:
                    break
                self._lock.wait(remaining)
        if len(calls) < count:
            raise AssertionError(f"expected {count} call(s) to {method}, got {len(calls)}")
        return calls

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()

    # --- the HTTP side ----------------------------------------------------------------------------

    def _wsgi(self, environ: Json, start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        response = self._handle(request)
        return response(environ, start_response)

    def _handle(self, request: Request) -> Response:
        path = request.path
        if path.startswith("/respond/"):
            return self._record_and_answer("response_url", _body(request), None, {"ok": True})
        if not path.startswith("/api/"):
            return Response("not found", status=404)
        method = path.removeprefix("/api/")
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or None
        args = _body(request)
        failure = self._take_failure(method)
        if failure is not None:
            self._record(Call(method, args, token))
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
            error = "ratelimited" if failure.status == 429 else "internal_error"
            return Response(
                json.dumps({"ok": False, "error": error}),
                status=failure.status,
                headers=headers,
                content_type="application/json",
            )
        return self._record_and_answer(method, args, token, self._answer(method, args))

    def _record_and_answer(self, method: str, args: Json, token: str | None, answer: Json) -> Response:
        self._record(Call(method, args, token))
        return Response(json.dumps(answer), content_type="application/json")

    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)
            self._lock.notify_all()
        for listener in list(self.listeners):
            listener(call)

    def _take_failure(self, method: str) -> Failure | None:
        with self._lock:
            queue = self._failures.get(method)
            return queue.pop(0) if queue else None

    def _answer(self, method: str, args: Json) -> Json:
        handler = _ANSWERS.get(method)
        return handler(self, args) if handler else {"ok": True}

    def _user(self, args: Json) -> Json:
        user = self.users.get(str(args.get("user")))
        return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}

    def _post(self, args: Json) -> Json:
        ts = f"{time.time():.6f}"
        return {
            "ok": True,
            "channel": args.get("channel"),
            "ts": ts,
            "message": {"text": args.get("text"), "ts": ts},
        }

    def _members(self, args: Json) -> Json:
        channel = str(args.get("channel"))
        if channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "members": self.channels[channel], "response_metadata": {"next_cursor": ""}}

    def _group(self, args: Json) -> Json:
        group = str(args.get("usergroup"))
        if group not in self.usergroups:
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": self.usergroups[group]}

    def _auth(self, _args: Json) -> Json:
        return {
            "ok": True,
            "url": "https://local.slack/",
            "team": "Local",
            "team_id": self.team_id,
            "user": "osallisuusbotti",
            "user_id": self.bot_user_id,
            "bot_id": "BLOCAL",
        }

    def _view(self, args: Json) -> Json:
        view = args.get("view")
        view = json.loads(view) if isinstance(view, str) else view
        return {"ok": True, "view": {"id": f"V{next(self._ids)}", **(view or {})}}


_ANSWERS: dict[str, Callable[[SlackStandIn, Json], Json]] = {
    "auth.test": SlackStandIn._auth,
    "users.info": SlackStandIn._user,
    "chat.postMessage": SlackStandIn._post,
    "chat.postEphemeral": lambda self, args: {"ok": True, "message_ts": f"{time.time():.6f}"},
    "chat.update": SlackStandIn._post,
    "conversations.members": SlackStandIn._members,
    "usergroups.users.list": SlackStandIn._group,
    "views.open": SlackStandIn._view,
    "views.update": SlackStandIn._view,
    "views.push": SlackStandIn._view,
    "views.publish": SlackStandIn._view,
}


def _body(request: Request) -> Json:
    if request.is_json:
        data = request.get_json(silent=True)
        return data if isinstance(data, dict) else {}
    return dict(request.form.items()) | dict(request.args.items())
