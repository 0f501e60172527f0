"""A local stand-in for Slack's Web API, at the network edge only.

The bot's WebClient is pointed at it (`SLACK_API_URL`), so the bot's own code runs unchanged. It records
every call and every post to a `response_url`, answers the way Slack does for the methods the bot uses,
and can be told to fail (429 with Retry-After, 5xx, an `ok: false` error code, or a reply slower than the
client's time-out) to exercise the bot's retries.

It is as strict as Slack where the bot could go wrong: the bot token and its scopes (`scopes.py`), Block
Kit limits and unique ids (`checks.py`), and, when a test switches them on, rate limits (`limits.py`) and
a latency on every answer (`latency`). A request Slack would refuse is answered as Slack does, recorded
in `calls` like any other, and kept in `refusals`. Conversations and uploads are in their own modules.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from devtools.localslack import checks, people, scopes
from devtools.localslack.conversations import Conversations
from devtools.localslack.faults import Failure
from devtools.localslack.files import Files
from devtools.localslack.limits import Limit, RateLimits, tiers
from devtools.localslack.record import Call, Recorder, Refusal
from devtools.localslack.shared import PRIVATE, SIGN_IN, SharedFiles
from devtools.localslack.wire import Json, body, failure_response, json_response

LOCAL_TOKEN = "xoxb-local"  # noqa: S105 - a made-up token the stand-in alone accepts

__all__ = ["Call", "Failure", "Json", "Refusal", "SlackStandIn"]


class SlackStandIn(Conversations, Files, SharedFiles, Recorder):
    def __init__(
        self, team_id: str = "T0LOCAL", bot_user_id: str = "UBOTLOCAL", token: str = LOCAL_TOKEN
    ) -> None:
        """`token` is the only bot token it accepts; its scopes start as the manifest's, in `scopes`."""
        super().__init__()
        self.token = token
        self.scopes: set[str] = set(scopes.manifest_scopes())
        self.rate_limits = RateLimits()
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.users: dict[str, Json] = {}
        self.users[bot_user_id] = {
            "id": bot_user_id,
            "name": "osallisuusbotti",
            "is_bot": True,
            "profile": {},
        }
        self.usergroups: dict[str, list[str]] = {}
        self.channels: dict[str, list[str]] = {}
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

    def enforce_rate_limits(self, scale: float = 1.0) -> None:
        """Slack's rate limits for every method the bot uses; `scale` shrinks their time windows."""
        self.rate_limits.limits.update(tiers(scale))

    def rate_limit(self, method: str, calls: int, per_seconds: float) -> None:
        """Let `method` through `calls` times per `per_seconds` (chat.postMessage: per channel)."""
        self.rate_limits.limits[method] = Limit(calls, per_seconds)

    def start(self) -> SlackStandIn:
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True, request_handler=_Quiet)
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

    # --- the HTTP side ----------------------------------------------------------------------------

    def _wsgi(self, environ: Json, start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        response = self._handle(request)
        return response(environ, start_response)

    def _handle(self, request: Request) -> Response:
        path = request.path
        if path.startswith("/respond/"):
            return self._respond(body(request))
        if path.startswith(PRIVATE):
            return self._private(request)
        if path == SIGN_IN:
            return self._sign_in()
        if path.startswith("/upload/"):
            return self._upload(path.removeprefix("/upload/"), request.get_data())
        if not path.startswith("/api/"):
            return Response("not found", status=404)
        method = path.removeprefix("/api/")
        args = body(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or args.get("token")
        token = str(token) if token else None
        self._wait(method)
        refused = self._refusal(method, token, args)
        if refused is not None:
            return refused
        failure = self._take_failure(method)
        if failure is not None:
            self._record(Call(method, args, token))
            return failure_response(failure.status, failure.retry_after)
        error = self._take(self._errors, method)
        if error is not None:
            return self._record_and_answer(method, args, token, {"ok": False, "error": error})
        answer = scopes.without_emails(self._answer(method, args), self.scopes)
        return self._record_and_answer(method, args, token, answer)

    def _refusal(self, method: str, token: str | None, args: Json) -> Response | None:
        """Slack's checks before it carries a request out: token, rate limit, scope, then the blocks."""
        answer = scopes.auth_error(token, self.token)
        if answer is None:
            retry_after = self.rate_limits.retry_after(method, args)
            if retry_after is not None:
                self._refuse(Call(method, args, token), {"ok": False, "error": "ratelimited"})
                return failure_response(429, retry_after)
            answer = scopes.scope_error(method, self.scopes) or checks.refusal(method, args)
        if answer is None:
            return None
        self._refuse(Call(method, args, token), answer)
        return json_response(answer)

    def _respond(self, args: Json) -> Response:
        """A post to a response_url: refused with HTTP 400 and the bare error code, as Slack does."""
        self._wait("response_url")
        answer = checks.refusal("response_url", args)
        if answer is None:
            return self._record_and_answer("response_url", args, None, {"ok": True})
        self._refuse(Call("response_url", args, None), answer)
        return Response(str(answer["error"]), status=400, content_type="text/plain")

    def _upload(self, file_id: str, data: bytes) -> Response:
        """The upload URL's side of files.getUploadURLExternal: keep the bytes for `uploaded()`."""
        self._wait("upload")
        failure = self._take_failure("upload")
        self._record(Call("upload", {"file_id": file_id, "size": len(data)}, None))
        if failure is not None:
            return failure_response(failure.status, failure.retry_after)
        if not self._keep_upload(file_id, data):
            return Response("file not found", status=404)
        return Response(f"OK - {len(data)}", content_type="text/plain")

    def _answer(self, method: str, args: Json) -> Json:
        handler = _ANSWERS.get(method)
        return handler(self, args) if handler else {"ok": True}

    def _user(self, args: Json) -> Json:
        user = self.users.get(str(args.get("user")))
        return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}

    def _members(self, args: Json) -> Json:
        with self._lock:
            return people.members(self.channels, args)

    def _users_list(self, args: Json) -> Json:
        with self._lock:
            return people.users_list(self.users, args)

    def _users_conversations(self, args: Json) -> Json:
        with self._lock:
            return people.users_conversations(self.channels, self.bot_user_id, args)

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
        """A new view gets an id of its own; views.update keeps the id of the view it changes, as in Slack."""
        view = args.get("view")
        view = json.loads(view) if isinstance(view, str) else view
        view_id = args.get("view_id") or f"V{next(self._ids):08d}"
        return {"ok": True, "view": {**(view or {}), "id": view_id}}


class _Quiet(WSGIRequestHandler):
    """No access-log line per request: the recorded `calls` say what was asked, and in `./dev shell`
    such lines would be printed among the chat. Errors are still logged."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


_ANSWERS: dict[str, Callable[[SlackStandIn, Json], Json]] = {
    "auth.test": SlackStandIn._auth,
    "users.info": SlackStandIn._user,
    "chat.postMessage": SlackStandIn._post_message,
    "chat.postEphemeral": lambda self, args: {"ok": True, "message_ts": f"{time.time():.6f}"},
    "chat.update": SlackStandIn._post,
    "conversations.members": SlackStandIn._members,
    "users.list": SlackStandIn._users_list,
    "users.conversations": SlackStandIn._users_conversations,
    "conversations.history": SlackStandIn._history,
    "conversations.replies": SlackStandIn._replies,
    "conversations.open": SlackStandIn._open,
    "files.getUploadURLExternal": SlackStandIn._upload_url,
    "files.completeUploadExternal": SlackStandIn._complete_upload,
    "files.info": SlackStandIn._files_info,
    "usergroups.users.list": SlackStandIn._group,
    "views.open": SlackStandIn._view,
    "views.update": SlackStandIn._view,
    "views.push": SlackStandIn._view,
    "views.publish": SlackStandIn._view,
}
