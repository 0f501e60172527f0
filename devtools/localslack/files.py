"""File uploads in Slack's external-upload flow: get a URL, POST the bytes there, complete the upload.

The bytes that arrive are kept, so a test can compare them with the bytes the bot sent.
"""

from __future__ import annotations

from collections.abc import Iterator

from devtools.localslack.faults import Faults
from devtools.localslack.wire import Json, decoded


class Files(Faults):
    _ids: Iterator[int]

    def __init__(self) -> None:
        super().__init__()
        self._uploads: dict[str, Json] = {}

    @property
    def base_url(self) -> str:
        raise NotImplementedError

    def uploaded(self, file_id: str) -> bytes:
        """The bytes POSTed to a file's upload URL; KeyError if none arrived."""
        with self._lock:
            data = self._uploads[file_id].get("data")
        if not isinstance(data, bytes):
            raise KeyError(file_id)
        return data

    def upload_name(self, file_id: str) -> str:
        """The filename the bot gave when it asked for this file's upload URL."""
        with self._lock:
            return str(self._uploads[file_id].get("filename"))

    def _keep_upload(self, file_id: str, data: bytes) -> bool:
        """The upload URL's side: keep the bytes for a file Slack handed out a URL for."""
        with self._lock:
            if file_id not in self._uploads:
                return False
            self._uploads[file_id]["data"] = data
            return True

    def _upload_url(self, args: Json) -> Json:
        file_id = f"F{next(self._ids):08d}"
        with self._lock:
            self._uploads[file_id] = {"filename": args.get("filename"), "length": args.get("length")}
        return {"ok": True, "upload_url": f"{self.base_url}/upload/{file_id}", "file_id": file_id}

    def _complete_upload(self, args: Json) -> Json:
        """files.completeUploadExternal: share the uploaded files, several in one message as Slack does.

        `files` is a JSON list of {"id", "title"}; anything else is invalid_arguments. All or nothing: a
        file that was never uploaded refuses the call (file_not_found) and shares none of the others.
        """
        files = decoded(args.get("files") or "[]")
        if not isinstance(files, list) or not files or not all(_file_entry(f) for f in files):
            return {"ok": False, "error": "invalid_arguments"}
        with self._lock:
            if any("data" not in self._uploads.get(str(f["id"]), {}) for f in files):
                return {"ok": False, "error": "file_not_found"}
            shared = []
            for item in files:
                upload = self._uploads[str(item["id"])]
                upload["title"] = item.get("title")
                shared.append({"id": item["id"], "name": upload.get("filename"), "title": item.get("title")})
        return {"ok": True, "files": shared}


def _file_entry(item: object) -> bool:
    return isinstance(item, dict) and isinstance(item.get("id"), str)
