"""A year's report costs the same number of SQL statements however many years of history the bot keeps:
the DOCX and the XLSX of 2025 are written with the plan's three years (2023–2025) of records, then again
after seven earlier years are added. Counted on the engine around `osallisuus report`'s own path
(`write_report_file`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event

from participation.reports.files import write_report_file
from participation.reports.model import ReportRequest
from participation.storage.db import Database
from tests.participation.dashboard.history import add_year
from tests.support.clock import HELSINKI, helsinki

NOW = helsinki(2025, 12, 31, 12)


def _statements(db: Database, output: str, folder: Path) -> int:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        written = write_report_file(db, ReportRequest("en", 2025), output, folder, NOW, HELSINKI)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert written.stat().st_size > 0
    return len(statements)


def test_a_years_report_does_not_cost_more_statements_with_more_history(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        for year in (2023, 2024, 2025):
            add_year(session, year)
    _statements(db, "docx", tmp_path)  # the process's first report reads one statement less
    three_years = {output: _statements(db, output, tmp_path) for output in ("docx", "xlsx")}
    with db.session() as session:
        for year in range(2016, 2023):
            add_year(session, year)
    ten_years = {output: _statements(db, output, tmp_path) for output in ("docx", "xlsx")}
    assert ten_years == three_years
    assert max(three_years.values()) <= 30
