"""Finnish and Swedish help and usage texts name their placeholders in the reader's language (the words
the seed documents use: seurantamittari, indikator), and Swedish says "samordnare", never "koordinator"."""

from __future__ import annotations

import html

import pytest
from babel.messages.pofile import read_po

from participation.i18n import catalogue_path
from tests.support.running import RunningBot, texts

ENGLISH_PLACEHOLDERS = ("<indicator>", '"evidence"', "[network]", "<network>", '"Title"', "<year>", '"Name"')


@pytest.mark.parametrize(
    ("user", "words"),
    [
        ("UFI00001", ("<seurantamittari>", '"näyttö"', "[verkosto]", "<verkosto>")),
        ("USV00001", ("<indikator>", '"belägg"', "[nätverk]", "<nätverk>")),
    ],
)
def test_help_and_usage_name_placeholders_in_the_readers_language(
    bot: RunningBot, user: str, words: tuple[str, ...]
) -> None:
    replies = (texts(bot.reply(user, text)) for text in ("help", "meeting what", "meetings", "network"))
    shown = html.unescape("\n".join(replies))  # as Slack shows the escaped mrkdwn
    assert [p for p in ENGLISH_PLACEHOLDERS if p in shown] == []
    assert [w for w in words if w not in shown] == []
    assert "`/osallisuus status`" in shown  # the command words themselves stay as typed


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_no_catalogue_text_keeps_an_english_placeholder(language: str) -> None:
    with catalogue_path(language).open("rb") as po:
        translated = [str(m.string) for m in read_po(po) if m.id]
    assert [t for t in translated if any(p in t for p in ENGLISH_PLACEHOLDERS)] == []


def test_swedish_says_samordnare_for_a_coordinator() -> None:
    with catalogue_path("sv").open("rb") as po:
        translated = [str(m.string) for m in read_po(po) if m.id]
    assert [t for t in translated if "koordinator" in t.lower()] == []
    assert sum("samordnare" in t for t in translated) > 10


@pytest.mark.parametrize(
    ("user", "usage"),
    [
        ("UFI00001", "plan export <suunnitelma> [xlsx | yaml]"),
        ("USV00001", "plan export <plan> [xlsx | yaml]"),
    ],
)
def test_help_shows_the_plan_commands(bot: RunningBot, user: str, usage: str) -> None:
    shown = html.unescape(texts(bot.reply(user, "help")))
    assert usage in shown
    assert "`/osallisuus plan import`" in shown
