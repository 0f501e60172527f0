"""Several files in one outbox item go to Slack as one message: one upload per file, then a single
files.completeUploadExternal naming them all, as Slack's own external upload takes them."""

from __future__ import annotations

import json

from sqlalchemy import select

from devtools.localslack.server import SlackStandIn
from participation.outbox.items import Kind, enqueue, file
from participation.storage.db import Database
from participation.storage.models import OutboxItem
from tests.participation.outbox.conftest import MakeDispatcher

PARTS = [("raportti.md", b"# Raportti\n", "Raportti (MD)"), ("kuva.png", b"\x89PNG\r\n\x1a\n..", "Kuva")]


def test_the_files_of_one_item_are_shared_in_one_message_with_one_comment(
    db: Database, standin: SlackStandIn, make_dispatcher: MakeDispatcher
) -> None:
    with db.session() as session:
        payload = file("C0NETWORK", "raportti.docx", b"PK\x03\x04docx", "Raportti", "Vuoden raportti", PARTS)
        assert enqueue(session, "files1", Kind.FILE, payload)

    assert make_dispatcher().run_once() == 1

    asked = [call.args["filename"] for call in standin.calls_to("files.getUploadURLExternal")]
    assert asked == ["raportti.docx", "raportti.md", "kuva.png"]
    [completed] = standin.calls_to("files.completeUploadExternal")
    assert completed.args["channel_id"] == "C0NETWORK"
    assert completed.args["initial_comment"] == "Vuoden raportti"
    listed = completed.args["files"]
    shared = json.loads(listed) if isinstance(listed, str) else listed
    assert [item["title"] for item in shared] == ["Raportti", "Raportti (MD)", "Kuva"]
    contents = [standin.uploaded(item["id"]) for item in shared]
    assert contents == [b"PK\x03\x04docx", b"# Raportti\n", b"\x89PNG\r\n\x1a\n.."]
    with db.session() as session:
        item = session.scalar(select(OutboxItem).where(OutboxItem.key == "files1"))
        assert item is not None and item.status == "sent"
        assert item.result is not None and item.result["file_ids"] == [i["id"] for i in shared]
