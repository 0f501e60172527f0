"""`osallisuus status N --format json` holds priority N only; `osallisuus report --output` writes into a
folder ending in / (made if missing) or an existing one, and refuses a file in a folder that is not there;
the status says when the plan's period is over (the bundled 2023–2025 plan ended on 31.12.2025)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from console.main import cli
from participation.storage.db import Database
from participation.storage.models import Confirmation, IndicatorRecord


@pytest.fixture
def osallisuus(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_status_json_for_one_priority_holds_that_priority_only(osallisuus) -> None:  # type: ignore[no-untyped-def]
    result = osallisuus("status", "2", "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    status = json.loads(result.output)
    assert [p["number"] for p in status["priorities"]] == [2]
    unknown = osallisuus("status", "9", "--format", "json", "--lang", "en")
    assert unknown.exit_code != 0 and "There is no priority 9" in unknown.output
    assert not unknown.output.lstrip().startswith("{")


def test_an_ended_plan_says_so_and_points_to_the_report_and_the_next_plan(osallisuus) -> None:  # type: ignore[no-untyped-def]
    shown = osallisuus("status", "--lang", "en").output
    assert "This plan's period ended on 31.12.2025" in shown
    assert "/osallisuus report 2025" in shown and "osallisuus plan activate sotepe-2026-2029" in shown
    status = json.loads(osallisuus("status", "--format", "json").output)
    assert status["period_ended"] is True and status["later_plans"] == ["sotepe-2026-2029"]
    assert "Suunnitelman kausi päättyi 31.12.2025" in osallisuus("status", "2", "--lang", "fi").output


def _one_confirmation(database_url: str) -> None:
    """A year with something reported: an empty one has no report to write."""
    db = Database(database_url)
    with db.session() as session:
        [indicator] = session.query(IndicatorRecord).filter_by(key="feedback-all-service-areas").all()
        session.add(Confirmation(indicator_id=indicator.id, year=2025, value_bool=True, confirmed_by="U1"))
    db.dispose()


def test_a_folder_ending_in_a_separator_is_made_and_the_report_goes_in_it(
    osallisuus,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    database_url: str,
) -> None:
    assert osallisuus("migrate").exit_code == 0
    _one_confirmation(database_url)
    result = osallisuus("report", "--year", "2025", "--format", "md", "--lang", "fi", "--output", "out/2025/")
    assert result.exit_code == 0, result.output
    written = tmp_path / "out" / "2025" / "osallisuusraportti-2025-fi.md"
    assert written.is_file() and result.output.strip() == "out/2025/osallisuusraportti-2025-fi.md"
    again = osallisuus("report", "--year", "2025", "--format", "md", "--lang", "sv", "--output", "out")
    assert again.exit_code == 0 and (tmp_path / "out" / "delaktighetsrapport-2025-sv.md").is_file()


def test_a_file_in_a_missing_folder_is_refused_and_nothing_is_written(
    osallisuus,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    result = osallisuus("report", "--year", "2025", "--format", "md", "--output", "raportit/2025")
    assert result.exit_code != 0
    assert "no such folder: raportit" in result.output and "raportit/2025/" in result.output
    refused = osallisuus("report", "--year", "2031", "--format", "md", "--output", "uusi/")
    assert refused.exit_code != 0
    assert not (tmp_path / "raportit").exists() and not (tmp_path / "uusi").exists()
