"""`osallisuus shell`: the newcomer's first conversation with the bot, buttons pressed by number."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.settings import load_settings
from devtools.localslack.shell import run_shell


@pytest.fixture(autouse=True)
def _working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shell writes the files the bot shares (a meeting's .ics, a report) to the working folder."""
    monkeypatch.chdir(tmp_path)


def _typed(*lines: str) -> Iterator[str]:
    yield from lines


def _conversation(database_url: str, language: str, *lines: str) -> str:
    settings = load_settings(_env_file=None, database_url=database_url)
    typed = _typed(*lines)

    def read(_prompt: str) -> str:
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    out = io.StringIO()
    run_shell(settings, language, read=read, out=out)
    return out.getvalue()


def test_status_then_a_button_by_number(database_url: str) -> None:
    output = _conversation(database_url, "en", "2", "quit")
    overview, _, detail = output.partition("[2] Details")
    assert "Participation Plan for 2023–2025" in overview and "0/36 indicators confirmed" in overview
    assert "network-meetings" in detail and "Back to the overview" in detail


def test_commands_with_or_without_the_slash_and_a_language_switch(database_url: str) -> None:
    output = _conversation(database_url, "fi", "/osallisuus lang sv", "status 3", "help")
    assert "osallisuussuunnitelma" in output.split("\n")[1]
    assert "svenska" in output
    assert "advocacy-cooperation" in output
    assert "/osallisuus status" in output


@pytest.mark.parametrize("press", ["9", "0"])
def test_a_button_that_does_not_exist(database_url: str, press: str) -> None:
    assert f"(no button {press})" in _conversation(database_url, "en", press)


def test_the_shells_own_words_are_in_the_sessions_language(database_url: str) -> None:
    output = _conversation(database_url, "fi", "9", "lang sv", "9")
    finnish, _, swedish = output.partition("svenska")
    assert "(ei painiketta 9)" in finnish and "(ingen knapp 9)" in swedish
    assert "no button" not in output


def test_a_meeting_made_in_the_shell_with_its_form(database_url: str) -> None:
    output = _conversation(
        database_url,
        "en",
        "network link osallisuusverkosto",
        "meeting new",
        "osallisuusverkosto",
        "Shell meeting",
        "2031-03-18",
        "",
        "",
        "Kallio",
        "",
        "",
        "meeting list",
    )
    assert "is now linked to" in output
    assert "Network (1 = Participation network | 2 = Customer experience network) []" in output
    assert "Meeting #1 created" in output
    assert "#1 *Shell meeting*: Tue 18/03/2031 13:00–15:00" in output or "#1 *Shell meeting*" in output


def _meeting(network: str, title: str, date: str, place: str = "") -> tuple[str, ...]:
    """`meeting new` and its form's answers: times kept as offered, no link or agenda."""
    return ("meeting new", network, title, date, "", "", place, "", "")


def test_three_forms_in_a_row_are_each_confirmed(database_url: str) -> None:
    """A meeting, a confirmation in two steps (the same modal, changed), a highlight: each one's outcome."""
    output = _conversation(
        database_url,
        "en",
        "network link osallisuusverkosto",
        *_meeting("osallisuusverkosto", "First", "2031-03-18"),
        *("confirm", "Survey realised", "2025", "Yes", "Kysely tehty", ""),
        *("note", "2025", "4", "", "A good year"),
        *_meeting("osallisuusverkosto", "Second", "2031-03-19"),
    )
    assert "Meeting #1 created. Invitations are on their way.\n*First*" in output
    assert "✅ Confirmed for 2025: *Survey realised* — *yes*\nEvidence: Kysely tehty" in output
    assert "Highlight #1 saved for 2025 under *6. Communication that promotes participation*" in output
    assert "Meeting #2 created. Invitations are on their way.\n*Second*" in output


def test_a_field_error_asks_again_for_that_field_only(database_url: str) -> None:
    output = _conversation(
        database_url,
        "en",
        "network link osallisuusverkosto",
        *_meeting("osallisuusverkosto", "Kept", "2020-03-18", place="Kallio"),
        "2031-03-18",
    )
    form = output.partition("--- New meeting")[2]
    assert "  Date: That time has already passed." in form
    assert form.count("Date []: ") == 2
    assert [form.count(f"{label} [") for label in ("Title", "Starts", "Place", "Agenda")] == [1, 1, 1, 1]
    assert "Meeting #1 created" in form and "*Kept*" in form and "Place: Kallio" in form


def test_fields_and_options_by_their_labels(database_url: str) -> None:
    output = _conversation(
        database_url,
        "en",
        "network link osallisuusverkosto",
        "meeting new",
        "Elsewhere",
        "participation NETWORK",
        "Labelled",
        "not a date",
        "",
        "",
        "",
        "",
        "",
        "2031-03-18",
    )
    assert "Network (1 = Participation network | 2 = Customer experience network) []: " in output
    assert "  Choose one of the options: its number or its text." in output
    assert "  Date: 'not a date' is not a date." in output
    assert "date:" not in output and "osallisuusverkosto |" not in output
    assert "Meeting #1 created" in output and "Network: Participation network" in output


def test_no_access_log_lines_among_the_chat(
    database_url: str, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.INFO)
    output = _conversation(database_url, "en", "network link osallisuusverkosto", "meeting list")
    printed = output + "".join(capfd.readouterr()) + caplog.text
    assert "is now linked to" in output
    assert "POST /api/" not in printed and "HTTP/1.1" not in printed


def test_the_report_is_written_to_the_working_folder(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "osallisuusraportti-2025-fi.docx").write_bytes(b"an earlier report")
    monkeypatch.chdir(folder)
    output = _conversation(
        database_url, "fi", 'confirm website-content yes "Sivut tehty" year=2025', "report 2025 fi docx md"
    )
    written = folder / "osallisuusraportti-2025-fi-2.docx"
    markdown = folder / "osallisuusraportti-2025-fi.md"
    assert f"Tiedosto tallennettu: {written}" in output and f"Tiedosto tallennettu: {markdown}" in output
    assert (folder / "osallisuusraportti-2025-fi.docx").read_bytes() == b"an earlier report"
    assert written.read_bytes()[:2] == b"PK"  # a DOCX is a zip
    assert "Sivut tehty" in markdown.read_text(encoding="utf-8")
