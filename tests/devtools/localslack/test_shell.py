"""`osallisuus shell`: the newcomer's first conversation with the bot, buttons pressed by number."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from config.settings import load_settings
from devtools.localslack.shell import run_shell


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
    assert "Network (osallisuusverkosto | asiakaskokemusverkosto)" in output
    assert "Meeting #1 created" in output
    assert "#1 *Shell meeting*: Tue 18/03/2031 13:00–15:00" in output or "#1 *Shell meeting*" in output
