"""A coordinator shares an edited plan workbook with the bot, sees what it would change and imports it
with the button; through the real app and the Slack stand-in."""

from __future__ import annotations

import base64
import io
import json
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select

from participation.plan.export import stored_plan
from participation.plan.workbook import export_workbook
from participation.storage.models import AuditEntry, IndicatorRecord, OutboxItem, PlanUpload
from tests.conftest import COORDINATOR
from tests.support.network import deliver
from tests.support.running import RunningBot, eventually, texts

DM = "DCOORD01"


def _answer_to_the_file(bot: RunningBot) -> None:
    """The event's work runs after its acknowledgement and answers through the outbox: send it once."""
    eventually(lambda: deliver(bot) == 1)


def _edited_workbook(bot: RunningBot) -> bytes:
    with bot.runtime.db.session() as session:
        plan = stored_plan(session, "sotepe-2023-2025")
        assert plan is not None
    book = load_workbook(io.BytesIO(export_workbook(plan)))
    sheet = book["Indicators"]
    header = [c.value for c in sheet[1]]
    row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == "survey-realised")
    sheet.cell(row=row, column=header.index("text.en") + 1).value = "The survey was done"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _button(message: dict[str, Any]) -> dict[str, Any]:
    blocks = message["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    return next(e for b in blocks if b["type"] == "actions" for e in b["elements"])


def test_a_shared_workbook_is_summarised_and_imported_only_with_the_button(bot: RunningBot) -> None:
    bot.event(bot.standin.share_file(COORDINATOR, DM, "plan.xlsx", _edited_workbook(bot)))
    _answer_to_the_file(bot)
    [told] = bot.standin.wait_for("chat.postMessage")
    [info] = bot.standin.calls_to("files.info")
    assert told.args["channel"] == DM
    assert "plan.xlsx" in texts(told.args) and "/osallisuus plan import" in texts(told.args)

    summary = bot.reply(COORDINATOR, "plan import")
    assert "survey-realised" in texts(summary) and "plan.xlsx" in texts(summary)
    button = _button(summary)
    with bot.runtime.db.session() as session:
        [upload] = session.scalars(select(PlanUpload)).all()
        assert button["value"] == upload.key and upload.slack_user_id == COORDINATOR
        indicator = session.scalars(
            select(IndicatorRecord).where(IndicatorRecord.key == "survey-realised")
        ).one()
        assert indicator.text["en"] != "The survey was done"  # nothing until the button

    bot.click("UFI00001", button["action_id"], button["value"])  # not a coordinator: refused
    bot.click(COORDINATOR, button["action_id"], button["value"])
    bot.click(COORDINATOR, button["action_id"], button["value"])  # a second click imports nothing more
    with bot.runtime.db.session() as session:
        indicator = session.scalars(
            select(IndicatorRecord).where(IndicatorRecord.key == "survey-realised")
        ).one()
        assert indicator.text["en"] == "The survey was done"
        audits = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "plan.import", AuditEntry.actor == COORDINATOR)
        ).all()
        assert len(audits) == 1 and audits[0].entity == "plan:sotepe-2023-2025"
    assert info.args["file"]


def test_a_file_that_is_not_a_workbook_is_refused_with_nothing_imported(bot: RunningBot) -> None:
    bot.event(bot.standin.share_file(COORDINATOR, DM, "plan.xlsx", b"not a workbook"))
    _answer_to_the_file(bot)
    bot.standin.wait_for("chat.postMessage")
    answer = bot.reply(COORDINATOR, "plan import")
    assert "plan.xlsx" in texts(answer)
    assert not [b for b in (answer.get("blocks") or []) if isinstance(b, dict) and b.get("type") == "actions"]
    with bot.runtime.db.session() as session:
        assert not session.scalars(select(AuditEntry).where(AuditEntry.actor == COORDINATOR)).all()


def test_the_private_url_gives_a_sign_in_page_without_the_token(bot: RunningBot) -> None:
    import requests

    event = bot.standin.share_file(COORDINATOR, DM, "plan.xlsx", b"bytes")
    url = f"{bot.standin.base_url}/private/{event['files'][0]['id']}/plan.xlsx"
    assert requests.get(url, timeout=5).headers["Content-Type"].startswith("text/html")
    assert (
        requests.get(url, headers={"Authorization": f"Bearer {bot.standin.token}"}, timeout=5).content
        == b"bytes"
    )


def test_plan_lists_the_plans_and_activate_moves_the_bot(bot: RunningBot) -> None:
    listed = texts(bot.reply(COORDINATOR, "plan"))
    assert "▶ `sotepe-2023-2025`" in listed and "• `sotepe-2026-2029`" in listed
    bot.reply(COORDINATOR, "plan activate sotepe-2026-2029")
    assert "▶ `sotepe-2026-2029`" in texts(bot.reply(COORDINATOR, "plan"))
    bot.reply(COORDINATOR, "plan export sotepe-2026-2029")
    with bot.runtime.db.session() as session:  # queued for the outbox, to the coordinator's DMs
        [item] = session.scalars(select(OutboxItem).where(OutboxItem.kind == "file")).all()
        payload = item.payload
    assert (payload["to"], payload["filename"]) == (COORDINATOR, "sotepe-2026-2029.xlsx")
    book = load_workbook(io.BytesIO(base64.b64decode(payload["content"])))
    assert book.sheetnames[:4] == ["Plan", "Priorities", "Measures", "Indicators"]
