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
        """files.completeUploadExternal: share the uploaded files; unknown or empty uploads are refused."""
        files = decoded(args.get("files") or "[]")
        with self._lock:
            missing = [f for f in files if "data" not in self._uploads.get(str(f.get("id")), {})]
            for item in files:
                if item.get("id") in self._uploads:
                    self._uploads[item["id"]]["title"] = item.get("title")
        if missing or not files:
            return {"ok": False, "error": "file_not_found" if missing else "invalid_arguments"}
        return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
