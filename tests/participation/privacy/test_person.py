"""`osallisuus person export` and `forget`: everything about one person, then nothing, and no one else
touched; what the plan's record must keep stays under a pseudonym."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from console.main import cli
from participation.storage.db import Database
from participation.storage.models import AuditEntry, Confirmation, OutboxItem, PollRecipient
from tests.participation.privacy.support import AINO, EMAILS, SVEN, fill


@pytest.fixture
def run(db: Database, database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)
    with db.session() as session:
        fill(session)

    def invoke(*args: str) -> Any:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def _export(run: Any, who: str) -> dict[str, Any]:
    result = run("person", "export", who)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_export_shows_every_kind_of_data_the_bot_holds_and_no_poll_answers(run: Any) -> None:
    found = _export(run, AINO)
    assert found["person"] == {"slack_user_ids": [AINO], "emails": [EMAILS[AINO]]}
    tables = found["tables"]
    assert set(tables) == {
        "audit_log",
        "channel_members",
        "confirmations",
        "highlight_versions",
        "highlights",
        "indicator_comments",
        "indicator_owners",
        "meetings",
        "network_guests",
        "outbox",
        "people",
        "poll_recipients",
        "rsvps",
        "user_preferences",
    }
    assert tables["people"][0]["name"] == f"Name of {AINO}"
    assert tables["poll_recipients"] == [
        {
            "id": tables["poll_recipients"][0]["id"],
            "poll_id": tables["poll_recipients"][0]["poll_id"],
            "slack_user_id": AINO,
            "answered": True,
            "answer_version": 0,  # how often they changed their answer: never what it was
        }
    ]
    assert {item["key"] for item in tables["outbox"]} == {f"reminder:1:{AINO}", f"invite:1:{EMAILS[AINO]}"}
    assert SVEN not in json.dumps(tables["people"] + tables["outbox"] + tables["rsvps"])


def test_an_email_address_finds_the_same_person(run: Any) -> None:
    assert _export(run, EMAILS[AINO].upper())["tables"] == _export(run, AINO)["tables"]


def test_forget_leaves_nothing_personal_and_keeps_the_record_pseudonymised(run: Any, db: Database) -> None:
    sven_before = _export(run, SVEN)
    result = run("person", "forget", AINO, "--yes")
    assert result.exit_code == 0 and "forgotten-" in result.output, result.output

    assert _export(run, AINO)["tables"] == {}
    assert _export(run, EMAILS[AINO])["tables"] == {}
    assert _export(run, SVEN) == sven_before
    with db.session() as session:
        dump = json.dumps(
            [[e.actor, e.entity, e.before, e.after] for e in session.scalars(select(AuditEntry))]
            + [[o.key, o.payload] for o in session.scalars(select(OutboxItem))]
        )
        assert AINO not in dump and EMAILS[AINO] not in dump
        confirmers = set(session.scalars(select(Confirmation.confirmed_by)))
        alias = next(name for name in confirmers if name != SVEN)
        assert alias.startswith("forgotten-") and len(confirmers) == 2
        assert len(list(session.scalars(select(PollRecipient)))) == 2  # the poll's "asked" figure stays
        forgetting = session.scalars(select(AuditEntry).where(AuditEntry.action == "person.forget")).one()
        assert forgetting.entity == f"person:{alias}" and forgetting.actor == "console"
        reminder = session.scalars(select(OutboxItem).where(OutboxItem.key == f"reminder:1:{alias}")).one()
        assert reminder.status == "failed" and reminder.payload == {}  # never sent to them now


def test_forgetting_someone_unknown_changes_nothing(run: Any) -> None:
    result = run("person", "forget", "UNOBODY01", "--yes")
    assert result.exit_code == 0 and "Nothing is held" in result.output


@pytest.mark.parametrize("who", ["", "aino", "U 123", "x@y", "=cmd|' /C calc'!A0"])
def test_an_unreadable_person_is_refused_in_one_line(run: Any, who: str) -> None:
    result = run("person", "export", who)
    assert result.exit_code == 2 and "Slack user id" in result.output and "Traceback" not in result.output
