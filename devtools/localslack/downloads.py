"""The files the bot shares, kept where the person in `./dev shell` can open them: in Slack they would
download them from the message; in a terminal they are written to the working folder."""

from __future__ import annotations

from pathlib import Path

from devtools.localslack.files import Files
from devtools.localslack.record import Call
from devtools.localslack.wire import decoded


def shared(call: Call, files: Files, folder: Path) -> list[Path]:
    """The files one files.completeUploadExternal shares (one or several), each written to `folder`."""
    listed = decoded(call.args.get("files") or "[]")
    written: list[Path] = []
    for item in listed if isinstance(listed, list) else []:
        file_id = str(item.get("id"))
        try:
            data = files.uploaded(file_id)
        except KeyError:
            continue
        written.append(save(folder, files.upload_name(file_id), data))
    return written


def save(folder: Path, name: str, data: bytes) -> Path:
    """Written beside what is there: a file of the same name is kept, and the new one gets a number."""
    base = Path(Path(name).name or "file")
    for number in range(1, 1000):
        path = folder / (base.name if number == 1 else f"{base.stem}-{number}{base.suffix}")
        try:
            with path.open("xb") as out:
                out.write(data)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(folder / base)
