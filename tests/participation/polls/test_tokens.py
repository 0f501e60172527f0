"""The signed token in a person's poll message, read as untrusted input: only what the bot signed for
that very person reads back; anything else, made up or changed by a character, reads as nothing (or as
that same token)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from participation.polls.tokens import Signer, Token

SIGNER = Signer("test-signing-secret-0123456789")
tokens = st.builds(
    Token,
    st.integers(1, 10**9),
    st.integers(1, 5),
    st.integers(0, 10**6),
    st.sampled_from(["", "Zq3_abcdefghijklmnopqr"]),
)


@given(tokens)
def test_a_token_reads_back_only_for_its_own_person(token: Token) -> None:
    signed = SIGNER.sign("UM00001", token)
    assert SIGNER.read("UM00001", signed) == token
    assert SIGNER.read("UM00002", signed) is None
    assert Signer("another-secret").read("UM00001", signed) is None


@given(tokens, st.data())
def test_a_token_changed_anywhere_never_reads_as_another(token: Token, data: st.DataObject) -> None:
    """None, or (when the character changed only base64's unused last bits) the very same token."""
    signed = SIGNER.sign("UM00001", token)
    at = data.draw(st.integers(0, len(signed) - 1))
    other = data.draw(st.sampled_from("AQgw_-.0").filter(lambda c: c != signed[at]))
    assert SIGNER.read("UM00001", signed[:at] + other + signed[at + 1 :]) in (None, token)


@given(st.text(max_size=300))
def test_made_up_text_reads_as_nothing(text: str) -> None:
    assert SIGNER.read("UM00001", text) is None
