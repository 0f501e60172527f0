"""The `osallisuus` console command: status for scripts, plan import and its refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from sqlalchemy import func, select

from console.main import cli
from participation.plan.files import BUNDLED
from participation.storage.db import Database
from participation.storage.models import AuditEntry, IndicatorRecord


@pytest.fixture
def run(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_status_as_json_holds_priorities_measures_and_indicators(run) -> None:  # type: ignore[no-untyped-def]
    result = run("status", "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    status = json.loads(result.output)
    assert status["plan_id"] == "sotepe-2023-2025" and status["total"] == 36
    indicators = [i for p in status["priorities"] for m in p["measures"] for i in m["indicators"]]
    assert len(indicators) == 36
    five = next(i for i in indicators if i["id"] == "feedback-processed-5-days")
    assert five["kind"] == "percentage" and five["target"] == {"min": 70.0, "max": None}
    assert five["state"] == "not_reported" and five["display"] == "not yet reported"
    assert set(five["texts"]) == {"fi", "sv", "en"}


@pytest.mark.parametrize(("language", "title"), [("fi", "osallisuussuunnitelma"), ("sv", "delaktighetsplan")])
def test_status_as_text_in_a_chosen_language(run, language: str, title: str) -> None:  # type: ignore[no-untyped-def]
    result = run("status", "--lang", language)
    assert result.exit_code == 0 and title in result.output.splitlines()[0]
    detail = run("status", "2", "--lang", language)
    assert "network-meetings" in detail.output


def test_status_for_a_year_outside_the_plan_is_refused(run) -> None:  # type: ignore[no-untyped-def]
    result = run("status", "--year", "2030", "--lang", "en")
    assert result.exit_code == 1 and "outside the plan's period" in result.output


def test_a_bad_plan_file_is_refused_whole_and_nothing_is_written(
    run, database_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    run("migrate")
    data = yaml.safe_load((BUNDLED / "sotepe-2023-2025.yaml").read_text(encoding="utf-8"))
    data["priorities"][0]["title"]["en"] = "Renamed priority"
    data["priorities"][2]["measures"][0]["indicators"][0]["target"] = {"min": 140}
    data["priorities"][2]["measures"][0]["indicators"][0]["kind"] = "percentage"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run("plan", "import", str(bad))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {bad} was not imported; nothing was changed:\n"
        "bad.yaml: priorities[2].measures[0].indicators[0]: Value error, target 140 is outside 0–100\n"
    )
    db = Database(database_url)
    with db.session() as session:
        assert (
            session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.actor == "console"))
            == 0
        )
        assert "Renamed priority" not in run("status", "--lang", "en").output
    db.dispose()


def test_importing_an_edited_plan_twice_and_activating(run, database_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load((BUNDLED / "sotepe-2023-2025.yaml").read_text(encoding="utf-8"))
    data["priorities"][0]["title"]["en"] = "Stronger participation experience"
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    first, second = run("plan", "import", str(edited)), run("plan", "import", str(edited))
    assert first.exit_code == second.exit_code == 0
    assert "plan sotepe-2023-2025 updated: 36 indicators" in second.output
    assert "1. Stronger participation experience" in run("status", "--lang", "en").output
    db = Database(database_url)
    with db.session() as session:
        imported = select(func.count()).where(IndicatorRecord.plan_id == "sotepe-2023-2025")
        assert session.scalar(imported) == 36
    db.dispose()
    activated = run("plan", "activate", "sotepe-2026-2029")
    assert activated.exit_code == 0
    listing = run("plan", "list").output
    assert "* sotepe-2026-2029" in listing and "  sotepe-2023-2025" in listing
    assert run("plan", "activate", "nope").exit_code == 1


def test_a_missing_file_is_refused(run) -> None:  # type: ignore[no-untyped-def]
    result = run("plan", "import", "nowhere.yaml")
    assert result.exit_code == 1
    assert result.output == "Error: nowhere.yaml: cannot be read: No such file or directory\n"


def test_serve_without_a_token_stops_with_one_line(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    result = run("serve")
    assert result.exit_code == 1 and result.output.strip() == "Error: setting SLACK_BOT_TOKEN is not set"
