"""Every text the code can show exists in Finnish, Swedish and English, with its placeholders intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from participation.i18n import LANGUAGES, catalogue_path, supported, translator

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = ("bot", "web", "commands", "console", "config", "schedules", "participation", "devtools")
PLACEHOLDER = re.compile(r"\{[a-z_]+(?:![rs])?\}")


def _messages_in_code() -> set[str]:
    found: set[str] = set()
    for package in PACKAGES:
        for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT / package)):
            found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    with catalogue_path(language).open("rb") as po:
        catalogue = {m.id: m for m in read_po(po) if m.id}
    missing = sorted(m for m in _messages_in_code() if m not in catalogue or not catalogue[m].string)
    assert missing == []
    fuzzy = sorted(m.id for m in catalogue.values() if m.fuzzy)
    assert fuzzy == []
    for message in catalogue.values():
        assert sorted(PLACEHOLDER.findall(message.id)) == sorted(PLACEHOLDER.findall(str(message.string))), (
            message.id
        )


def test_finnish_and_swedish_differ_from_english() -> None:
    message = "not yet reported"
    assert {translator(language)(message) for language in LANGUAGES} == {
        "not yet reported",
        translator("fi")(message),
        translator("sv")(message),
    }
    assert len({translator(language)(message) for language in LANGUAGES}) == 3


@pytest.mark.parametrize(
    ("given", "expected"),
    [("fi-FI", "fi"), ("sv_SE", "sv"), ("EN-us", "en"), ("de-DE", None), ("", None), (None, None)],
)
def test_slack_locales_map_to_the_bots_languages(given: str | None, expected: str | None) -> None:
    assert supported(given) == expected
