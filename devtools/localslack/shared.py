"""Files people shared in Slack, as the bot reads them: `files.info` gives a private URL, and that URL
answers only with the bot token in an `Authorization: Bearer` header.

Strict as Slack: without the token (or with another) the private URL redirects to a sign-in page, an
HTML page with status 200, which is what a bot that forgot the header would get from Slack too.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from werkzeug.wrappers import Request, Response

from devtools.localslack.wire import Json

PRIVATE = "/private/"
SIGN_IN = "/signin"


class SharedFiles:
    _ids: Iterator[int]
    _lock: threading.Condition
    token: str

    @property
    def base_url(self) -> str:
        raise NotImplementedError

    def share_file(self, user_id: str, channel: str, name: str, content: bytes) -> Json:
        """A file `user_id` dropped into `channel`; the `file_share` message event Slack would send."""
        file_id = f"F{next(self._ids):08d}"
        with self._lock:
            self._shared()[file_id] = {"name": name, "content": content, "user": user_id}
        return {
            "type": "message",
            "subtype": "file_share",
            "channel": channel,
            "channel_type": "im" if channel.startswith("D") else "channel",
            "user": user_id,
            "text": "",
            "ts": f"{1_700_000_000 + next(self._ids)}.000100",
            "files": [{"id": file_id, "name": name, "mode": "hosted"}],
        }

    def _shared(self) -> dict[str, Json]:
        if not hasattr(self, "_shared_files"):
            self._shared_files: dict[str, Json] = {}
        return self._shared_files

    def _files_info(self, args: Json) -> Json:
        with self._lock:
            shared = self._shared().get(str(args.get("file")))
        if shared is None:
            return {"ok": False, "error": "file_not_found"}
        file_id, name = str(args.get("file")), str(shared["name"])
        url = f"{self.base_url}{PRIVATE}{file_id}/{name}"
        return {
            "ok": True,
            "file": {
                "id": file_id,
                "name": name,
                "size": len(shared["content"]),
                "user": shared["user"],
                "url_private": url,
                "url_private_download": url + "?download=1",
            },
        }

    def _private(self, request: Request) -> Response:
        """The private URL: the bytes for the bot token, a sign-in page for anything else."""
        file_id = request.path.removeprefix(PRIVATE).split("/", 1)[0]
        with self._lock:
            shared = self._shared().get(file_id)
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return Response(status=302, headers={"Location": SIGN_IN})
        if shared is None:
            return Response("not found", status=404)
        return Response(shared["content"], content_type="application/octet-stream")

    @staticmethod
    def _sign_in() -> Response:
        return Response("<html><body>Sign in to Slack</body></html>", content_type="text/html")
