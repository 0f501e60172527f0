"""What travels over HTTP between the bot and the stand-in: request bodies in, JSON answers out."""

from __future__ import annotations

import json
from typing import Any

from werkzeug.wrappers import Request, Response

Json = dict[str, Any]


def body(request: Request) -> Json:
    """A request's arguments, whether the client sent JSON, a form or a query string."""
    if request.is_json:
        data = request.get_json(silent=True)
        return data if isinstance(data, dict) else {}
    return dict(request.form.items()) | dict(request.args.items())


def decoded(value: Any) -> Any:
    """A form-encoded argument carries JSON as text; a JSON body carries it as it is."""
    if isinstance(value, str) and value[:1] in ("{", "["):
        return json.loads(value)
    return value


def json_response(answer: Json, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(answer), status=status, headers=headers, content_type="application/json")


def failure_response(status: int, retry_after: int | None) -> Response:
    """An HTTP failure as Slack sends it: 429 with Retry-After for a rate limit, else a server error."""
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    error = "ratelimited" if status == 429 else "internal_error"
    return json_response({"ok": False, "error": error}, status=status, headers=headers)
