"""The command line as Slack sends it with escaping on: mentions stay, links and entities are undone."""

from __future__ import annotations

import pytest

from commands.router import split


@pytest.mark.parametrize(
    ("sent", "words"),
    [
        (
            'meeting new x 1.2.2027 13:00 "Kevään kokous"',
            ["meeting", "new", "x", "1.2.2027", "13:00", "Kevään kokous"],
        ),
        (
            "owner feedback-all-service-areas <@U123ABC|aino>",
            ["owner", "feedback-all-service-areas", "<@U123ABC|aino>"],
        ),
        ("x link=<https://teams.example/k?a=1&amp;b=2>", ["x", "link=https://teams.example/k?a=1&b=2"]),
        ("x link=<https://example.org|example.org>", ["x", "link=https://example.org"]),
        ('note other_measures "Maija&#39;s &lt;3 &amp; co"', ["note", "other_measures", "Maija's <3 & co"]),
        ("note x “Lainausmerkit” Kaisan", ["note", "x", "Lainausmerkit", "Kaisan"]),
        ("note x Maija's idea", ["note", "x", "Maija's", "idea"]),
    ],
)
def test_split(sent: str, words: list[str]) -> None:
    assert split(sent) == words


def test_an_unclosed_quote_is_none() -> None:
    assert split('meeting new "Kevään kokous') is None
