"""The page's language: `?lang=` first, then the browser's languages in its order, then the default."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from participation.i18n import LANGUAGES
from web.language import asked_language, choose


@pytest.mark.parametrize(
    ("asked", "accepted", "expected"),
    [
        ("sv", ["en"], "sv"),
        ("SV", [], "sv"),
        ("de", ["sv-FI", "fi"], "sv"),
        (None, ["de-DE", "en-US", "fi"], "en"),
        (None, ["sv_SE"], "sv"),
        (None, ["*"], "fi"),
        (None, [], "en"),
    ],
)
def test_the_link_wins_then_the_browser_then_the_default(
    asked: str | None, accepted: list[str], expected: str
) -> None:
    default = "en" if not accepted else "fi"
    assert choose(asked, accepted, default) == expected


@given(asked=st.one_of(st.none(), st.text(max_size=8)), accepted=st.lists(st.text(max_size=12), max_size=5))
def test_any_input_gives_one_of_our_languages(asked: str | None, accepted: list[str]) -> None:
    chosen = choose(asked, accepted, "fi")
    assert chosen in LANGUAGES
    kept = asked_language(asked)
    assert kept is None or (kept == chosen and kept in LANGUAGES)
