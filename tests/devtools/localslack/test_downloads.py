"""The shell keeps the files the bot shares: one upload of one file or of several, each file written to
the working folder beside what is there already."""

from __future__ import annotations

from pathlib import Path

from slack_sdk import WebClient

from devtools.localslack.downloads import shared
from devtools.localslack.server import SlackStandIn


def test_several_files_of_one_upload_are_each_written_and_none_overwritten(
    slack: SlackStandIn, client: WebClient, tmp_path: Path
) -> None:
    (tmp_path / "raportti.md").write_text("edellinen", encoding="utf-8")
    client.files_upload_v2(
        channel="CLOCAL",
        file_uploads=[
            {"content": b"# Raportti", "filename": "raportti.md", "title": "Raportti"},
            {"content": b"<h1>Raportti</h1>", "filename": "raportti.html", "title": "Raportti"},
        ],
        initial_comment="Raportti 2025",
    )
    [upload] = slack.calls_to("files.completeUploadExternal")
    written = shared(upload, slack, tmp_path)
    assert written == [tmp_path / "raportti-2.md", tmp_path / "raportti.html"]
    assert [path.read_bytes() for path in written] == [b"# Raportti", b"<h1>Raportti</h1>"]
    assert (tmp_path / "raportti.md").read_text(encoding="utf-8") == "edellinen"


def test_a_file_name_cannot_leave_the_folder(slack: SlackStandIn, client: WebClient, tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    client.files_upload_v2(channel="CLOCAL", content=b"x", filename="../../outside.txt", title="x")
    [upload] = slack.calls_to("files.completeUploadExternal")
    assert shared(upload, slack, folder) == [folder / "outside.txt"]
    assert not (tmp_path / "outside.txt").exists()
