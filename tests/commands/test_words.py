"""The words of a command: the quoted form shown when quotes were missing, the command line written
back for a button, and the people and channels named in it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commands.mentions import channel_of, user_of, users_in
from commands.parsing import number_words, quoted_example, requoted
from commands.router import split

KNOWN = {"place", "link", "agenda", "anyway"}


@pytest.mark.parametrize(
    ("words", "example"),
    [
        (
            ["osallisuusverkosto", "16.3.2027", "13:00", "Ei", "kanavaa"],
            'osallisuusverkosto 16.3.2027 13:00 "Ei kanavaa"',
        ),
        (
            ["osallisuusverkosto", "16.3.2027", "13:00", "Kokous", "place=Room", "5"],
            'osallisuusverkosto 16.3.2027 13:00 Kokous place="Room 5"',
        ),
        (["osallisuusverkosto", "16.3.2027", "13:00", "Kokous", "place=Room 5"], None),
        (["osallisuusverkosto", "16.3.2027", "13:00", 'Sanoi "hei"', "x"], None),
    ],
)
def test_missing_quotes_are_shown_in_the_persons_own_command(words: list[str], example: str | None) -> None:
    assert quoted_example(words, KNOWN, 4) == example


WORD = st.text(
    # No quotes (a word holding one is not written back), nor what Slack's escaping stands for.
    st.characters(blacklist_characters='"“”„«»&<>', blacklist_categories=("Cs", "Cc")),
    min_size=1,
    max_size=12,
).filter(lambda word: word.strip() == word)


@given(st.lists(WORD, min_size=1, max_size=6))
def test_a_command_written_back_splits_into_the_same_words(words: list[str]) -> None:
    line = requoted(words)
    assert line is not None
    assert split(line) == words


def test_a_word_with_a_quote_is_not_written_back() -> None:
    assert requoted(["meeting", 'Sanoi "hei"']) is None


@pytest.mark.parametrize(
    ("words", "count"),
    [(["72,5", "%", "Raportti"], 2), (["12", "500"], 2), (["kyllä", "Päätös"], 1), (["3", "Lista"], 1)],
)
def test_a_number_typed_with_spaces_is_one_value(words: list[str], count: int) -> None:
    assert number_words(words, "fi") == count


@pytest.mark.parametrize("word", ["<@U123ABC|aino>", "<@U123ABC>", "@U123ABC", "U123ABC", "<@W123ABC|x y>"])
def test_every_form_of_a_mention_names_the_person(word: str) -> None:
    assert user_of(word) in {"U123ABC", "W123ABC"}


def test_mentions_in_a_list_in_order_each_once_and_the_unreadable_apart() -> None:
    assert users_in("@U1AA,<@U2BB|b> <@U1AA> Aino") == (["U1AA", "U2BB"], ["Aino"])


@pytest.mark.parametrize("word", ["<#C123ABC|kanava>", "<#C123ABC>", "#C123ABC", "C123ABC"])
def test_every_form_of_a_channel_names_it(word: str) -> None:
    assert channel_of(word) == "C123ABC"
