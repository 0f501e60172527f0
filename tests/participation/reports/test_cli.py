"""`osallisuus report` in a terminal: the report written to a file, and no file at all when it cannot be."""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from console.main import cli
from tests.participation.reports.support import build_year
from tests.support.clock import Clock
from tests.support.running import RunningBot


def _run(monkeypatch: pytest.MonkeyPatch, database_url: str, folder: Path, *args: str) -> Result:
    """The command run in `folder`, which holds nothing else (the SQLite database is in its parent)."""
    folder.mkdir(exist_ok=True)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.chdir(folder)
    return CliRunner().invoke(cli, ["report", *args], catch_exceptions=False)


def test_the_report_is_written_to_a_file_in_the_chosen_language_and_format(
    network_bot: RunningBot, clock: Clock, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_year(network_bot, clock)
    out = tmp_path / "out"
    result = _run(monkeypatch, database_url, out, "--year", "2025", "--lang", "sv", "--format", "xlsx")
    assert result.exit_code == 0, result.output
    written = out / "delaktighetsrapport-2025-sv.xlsx"
    assert result.output.strip() == str(written)
    sheet = load_workbook(written).active
    assert [cell.value for cell in sheet[1]][:6] == [
        "År",
        "Prioritet",
        "Åtgärd",
        "Nivå",
        "Indikatorns id",
        "Indikator",
    ]
    assert sheet.max_row == 37  # the header and the plan's 36 indicators
    assert sheet.freeze_panes == "A2"
    umask = os.umask(0)
    os.umask(umask)
    assert written.stat().st_mode & 0o777 == 0o666 & ~umask  # readable as any file the user makes

    target = out / "komitea.docx"
    result = _run(monkeypatch, database_url, out, "--plan", "--output", str(target))
    assert result.exit_code == 0, result.output
    document = docx.Document(io.BytesIO(target.read_bytes()))
    assert document.paragraphs[0].text.endswith("osallisuussuunnitelman 2023–2025 raportointi")
    assert sorted(path.name for path in out.iterdir()) == [
        "delaktighetsrapport-2025-sv.xlsx",
        "komitea.docx",
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--year", "2027", "--lang", "en"), "The year 2027 is outside the plan's period"),
        (("--year", "2023", "--lang", "en"), "Nothing is recorded for 2023 yet"),
        (("--year", "2025", "--plan"), "give either --year or --plan"),
        (("--format", "pdf"), "'pdf' is not one of"),
    ],
)
def test_a_report_that_cannot_be_made_leaves_no_file(
    network_bot: RunningBot,
    clock: Clock,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    expected: str,
) -> None:
    build_year(network_bot, clock)
    out = tmp_path / "out"
    result = _run(monkeypatch, database_url, out, *args)
    assert result.exit_code != 0 and expected in result.output
    assert list(out.iterdir()) == []
