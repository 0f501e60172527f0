"""Writing a report to a file in the terminal (`osallisuus report`): made whole in memory first, then
written to a temporary file beside the target and renamed over it, so an error never leaves half a
report where the finished one should be."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from participation.reports.assembly import build_report
from participation.reports.model import ReportRequest
from participation.reports.render import charts_for, render
from participation.storage.db import Database


def write_report_file(
    db: Database,
    request: ReportRequest,
    output: str,
    target: Path | None,
    now: dt.datetime,
    zone: dt.tzinfo,
) -> Path:
    """The path written; raises `ReportError` (nothing written) when the report cannot be made."""
    with db.session() as session:
        model = build_report(session, request, now, zone)
    rendered = render(model, charts_for(model, (output,)), output)
    path = target if target is not None else Path.cwd() / rendered.filename
    if path.is_dir():
        path = path / rendered.filename
    write_atomically(path, rendered.content)
    return path


def write_atomically(path: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a report is for sharing
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
