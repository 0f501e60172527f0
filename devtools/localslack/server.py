"""A local stand-in for Slack's Web API, at the network edge only.

The bot's WebClient is pointed at it (`SLACK_API_URL`), so the bot's own code runs unchanged. It records
every call and every post to a `response_url`, answers the way Slack does for the methods the bot uses,
and can be told to fail (429 with Retry-After, 5xx, an `ok: false` error code, or a reply slower than the
client's time-out) to exercise the bot's retries.

Posted messages are kept per channel with their metadata, so `conversations.history` can show the bot
what it already sent; file uploads follow Slack's external-upload flow (get a URL, POST the bytes there,
complete the upload), so the bytes that arrive can be compared with the bytes sent.
"""

from __future__ import annotations

import base64
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
        self.users[bot_user_id] = {
            "id": bot_user_id,
            "name": "osallisuusbotti",
            "is_bot": True,
            "profile": {},
        }
        self.usergroups: dict[str, list[str]] = {}
        self.channels: dict[str, list[str]] = {}
        self.calls: list[Call] = []
        self.listeners: list[Callable[[Call], None]] = []
        self._failures: dict[str, list[Failure]] = {}
        self._errors: dict[str, list[str]] = {}
        self._delays: dict[str, list[float]] = {}
        self._messages: dict[str, list[Json]] = {}
        self._uploads: dict[str, Json] = {}
        self._last_ts = 0.0
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

    def error_next(self, method: str, error: str, times: int = 1) -> None:
        """Make `method` answer HTTP 200 with `ok: false` and this error code, as Slack does for bad input."""
        with self._lock:
            self._errors.setdefault(method, []).extend([error] * times)

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Make `method` answer only after `seconds`, to outlast the client's time-out.

        The request is still carried out once the delay is over, as a slow Slack would: a client that gave
        up cannot tell whether its message was posted.
        """
        with self._lock:
            self._delays.setdefault(method, []).extend([seconds] * times)

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

    def messages(self, channel: str) -> list[Json]:
        """The messages posted to `channel` (a D… id for a direct message), oldest first."""
        with self._lock:
            return [dict(message) for message in self._messages.get(channel, [])]

    def uploaded(self, file_id: str) -> bytes:
        """The bytes POSTed to a file's upload URL; KeyError if none arrived."""
        with self._lock:
            data = self._uploads[file_id].get("data")
        if not isinstance(data, bytes):
            raise KeyError(file_id)
        return data

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
        if path.startswith("/upload/"):
            return self._upload(path.removeprefix("/upload/"), request.get_data())
        if not path.startswith("/api/"):
            return Response("not found", status=404)
        method = path.removeprefix("/api/")
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or None
        args = _body(request)
        self._delay(method)
        failure = self._take_failure(method)
        if failure is not None:
            self._record(Call(method, args, token))
            return _failure_response(failure)
        error = self._take(self._errors, method)
        if error is not None:
            return self._record_and_answer(method, args, token, {"ok": False, "error": error})
        return self._record_and_answer(method, args, token, self._answer(method, args))

    def _upload(self, file_id: str, data: bytes) -> Response:
        """The upload URL's side of files.getUploadURLExternal: keep the bytes for `uploaded()`."""
        self._delay("upload")
        failure = self._take_failure("upload")
        self._record(Call("upload", {"file_id": file_id, "size": len(data)}, None))
        if failure is not None:
            return _failure_response(failure)
        with self._lock:
            if file_id not in self._uploads:
                return Response("file not found", status=404)
            self._uploads[file_id]["data"] = data
        return Response(f"OK - {len(data)}", content_type="text/plain")

    def _delay(self, method: str) -> None:
        seconds = self._take(self._delays, method)
        if seconds is not None:
            time.sleep(seconds)

    def _take(self, queues: dict[str, list[Any]], method: str) -> Any:
        with self._lock:
            queue = queues.get(method)
            return queue.pop(0) if queue else None

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

    def _next_ts(self) -> str:
        """A message timestamp as Slack writes it, unique and rising even within one microsecond."""
        with self._lock:
            self._last_ts = max(time.time(), self._last_ts + 0.000001)
            return f"{self._last_ts:.6f}"

    def _post(self, args: Json) -> Json:
        ts = self._next_ts()
        return {
            "ok": True,
            "channel": args.get("channel"),
            "ts": ts,
            "message": {"text": args.get("text"), "ts": ts},
        }

    def _post_message(self, args: Json) -> Json:
        """chat.postMessage: answer as Slack does and keep the message, metadata included, for the history."""
        answer = self._post(args)
        message: Json = {"type": "message", "user": self.bot_user_id, "bot_id": "BLOCAL"}
        message.update(text=args.get("text"), ts=answer["ts"])
        for name in ("blocks", "thread_ts", "metadata"):
            if args.get(name) is not None:
                message[name] = _decoded(args[name])
        with self._lock:
            self._messages.setdefault(str(args.get("channel")), []).append(message)
        answer["message"] = _visible(message, include_metadata=False)
        return answer

    def _history(self, args: Json) -> Json:
        """conversations.history: a channel's top-level messages, newest first, after `oldest`."""
        with self._lock:
            stored = list(self._messages.get(str(args.get("channel")), []))
        top_level = [m for m in stored if m.get("thread_ts") in (None, m["ts"])]
        return _page(top_level, args)

    def _replies(self, args: Json) -> Json:
        """conversations.replies: a thread's parent and replies, oldest first as Slack gives them."""
        thread = str(args.get("ts"))
        with self._lock:
            stored = list(self._messages.get(str(args.get("channel")), []))
        in_thread = [m for m in stored if thread in (m["ts"], m.get("thread_ts"))]
        answer = _page(in_thread, args)
        answer["messages"].reverse()
        return answer

    def _open(self, args: Json) -> Json:
        """conversations.open for one user: the direct-message channel is `D` + the user's id."""
        users = str(args.get("users") or "")
        if not users or "," in users:
            return {"ok": False, "error": "users_list_not_supplied" if not users else "not_supported"}
        return {"ok": True, "channel": {"id": "D" + users}}

    def _upload_url(self, args: Json) -> Json:
        file_id = f"F{next(self._ids):08d}"
        with self._lock:
            self._uploads[file_id] = {"filename": args.get("filename"), "length": args.get("length")}
        return {"ok": True, "upload_url": f"{self.base_url}/upload/{file_id}", "file_id": file_id}

    def _complete_upload(self, args: Json) -> Json:
        """files.completeUploadExternal: share the uploaded files; unknown or empty uploads are refused."""
        files = _decoded(args.get("files") or "[]")
        with self._lock:
            missing = [f for f in files if "data" not in self._uploads.get(str(f.get("id")), {})]
            for item in files:
                if item.get("id") in self._uploads:
                    self._uploads[item["id"]]["title"] = item.get("title")
        if missing or not files:
            return {"ok": False, "error": "file_not_found" if missing else "invalid_arguments"}
        return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}

    def _members(self, args: Json) -> Json:
        """conversations.members: a page of the channel's member ids, as Slack pages them."""
        channel = str(args.get("channel"))
        with self._lock:
            members = list(self.channels[channel]) if channel in self.channels else None
        if members is None:
            return {"ok": False, "error": "channel_not_found"}
        return _cursor_page("members", members, args)

    def _users_list(self, args: Json) -> Json:
        """users.list: a page of the workspace's users, the bot included."""
        with self._lock:
            users = [dict(user) for user in self.users.values()]
        return _cursor_page("members", users, args)

    def _users_conversations(self, args: Json) -> Json:
        """users.conversations: a page of the channels the user (the bot, when not given) is in."""
        user = str(args.get("user") or self.bot_user_id)
        with self._lock:
            channels = [
                {"id": c, "is_member": True} for c, members in self.channels.items() if user in members
            ]
        return _cursor_page("channels", channels, args)

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


def _failure_response(failure: Failure) -> Response:
    headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
    error = "ratelimited" if failure.status == 429 else "internal_error"
    return Response(
        json.dumps({"ok": False, "error": error}),
        status=failure.status,
        headers=headers,
        content_type="application/json",
    )


def _decoded(value: Any) -> Any:
    """A form-encoded argument carries JSON as text; a JSON body carries it as it is."""
    if isinstance(value, str) and value[:1] in ("{", "["):
        return json.loads(value)
    return value


def _visible(message: Json, include_metadata: bool) -> Json:
    """Slack shows a message's metadata only to callers that ask with `include_all_metadata`."""
    return {k: v for k, v in message.items() if include_metadata or k != "metadata"}


def _cursor_page(key: str, items: list[Any], args: Json) -> Json:
    """One page of `items` as Slack's cursor-paginated methods give it: at most `limit` (Slack's default
    100, at most 1000), and `response_metadata.next_cursor` naming the next page ("" on the last)."""
    cursor = str(args.get("cursor") or "")
    try:
        limit = min(max(int(args.get("limit") or 100), 1), 1000)
        start = int(base64.urlsafe_b64decode(cursor.encode()).decode().removeprefix("next:")) if cursor else 0
    except ValueError:
        return {"ok": False, "error": "invalid_cursor" if cursor else "invalid_limit"}
    end = start + limit
    following = base64.urlsafe_b64encode(f"next:{end}".encode()).decode() if end < len(items) else ""
    return {"ok": True, key: items[start:end], "response_metadata": {"next_cursor": following}}


def _page(messages: list[Json], args: Json) -> Json:
    """Newest first, strictly after `oldest`, at most `limit`; the stand-in has no further pages."""
    oldest = float(args.get("oldest") or 0)
    limit = int(args.get("limit") or 100)
    with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
    newer = [m for m in reversed(messages) if float(m["ts"]) > oldest]
    return {
        "ok": True,
        "messages": [_visible(m, with_metadata) for m in newer[:limit]],
        "has_more": len(newer) > limit,
        "response_metadata": {"next_cursor": ""},
    }
