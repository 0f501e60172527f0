"""The year's follow-up report as a coordinator gets it: the DOCX (with its charts) and the XLSX, each
made from the database as `/osallisuus report` makes them, timed, with the SQL statements counted. A
first report loads matplotlib, python-docx and openpyxl (about a second, once per process); that is done
before the timing, which is then what every later report costs.

Run on the history databases the benchmark makes, so a report whose cost grows with the years kept shows
it in the table. The year is the newest one of the history that lies in the active plan's period.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event

from commands.report import directory_names, report_files
from config.settings import Settings
from participation.plan.progress import active_plan
from participation.reports.assembly import build_report, check_request
from participation.reports.model import Report, ReportError, ReportRequest
from participation.storage.db import Database

FORMATS = ("docx", "xlsx")


def report_seconds(settings: Settings) -> dict[str, tuple[float, int]] | None:
    """Per format: seconds to build the year's report file, and the SQL statements it took; None when
    the history holds nothing for the active plan's last year (a history of fewer years than have
    passed since)."""
    zone = ZoneInfo(settings.timezone)
    db = Database(settings.database_url)
    try:
        year, now = _year(db, zone)
        with db.session() as session:
            try:
                check_request(session, ReportRequest("fi", year), now, zone)
            except ReportError:
                return None
        report_files(_model(db, year, now, zone), FORMATS)  # the libraries load once, at a first report
        found: dict[str, tuple[float, int]] = {}
        for output in FORMATS:
            with _counted(db) as statements:
                started = time.perf_counter()
                report_files(_model(db, year, now, zone), (output,))
                found[output] = (time.perf_counter() - started, len(statements))
        return found
    finally:
        db.dispose()


def _model(db: Database, year: int, now: dt.datetime, zone: ZoneInfo) -> Report:
    with db.session() as session:
        return build_report(session, ReportRequest("fi", year), now, zone, directory_names(session))


def _year(db: Database, zone: ZoneInfo) -> tuple[int, dt.datetime]:
    """The active plan's last year up to this one, and a moment at its end, when it is all in the past."""
    with db.session() as session:
        plan = active_plan(session)
        assert plan is not None, "the bundled plans have an active one"
        year = min(plan.period_end.year, dt.date.today().year)
        return year, dt.datetime(year, 12, 31, 12, tzinfo=zone)


@contextmanager
def _counted(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
