"""Rendering keeps Slack's limits whatever a reply holds, and is the one place where text becomes mrkdwn:
all of it escaped, then the bot's own references drawn."""

from __future__ import annotations

import re

from bot.blocks import MAX_BLOCKS, MAX_SECTION, message_text, mrkdwn, plain_text, render, split_text
from bot.forms import modal, values
from console.text import mrkdwn_to_text
from participation.i18n import translator
from participation.messages import (
    Actions,
    Button,
    Context,
    Field,
    Form,
    Header,
    Reply,
    Section,
    channel,
    person,
    plain,
    quote,
)


def test_long_text_is_split_at_line_ends_within_the_section_limit() -> None:
    text = "\n".join(f"line {n} " + "x" * 90 for n in range(100))
    chunks = split_text(text, MAX_SECTION)
    assert all(len(chunk) <= MAX_SECTION for chunk in chunks) and len(chunks) == 4
    assert "\n".join(chunks) == text


def test_a_single_overlong_line_is_cut_into_pieces() -> None:
    chunks = split_text("y" * 7000, MAX_SECTION)
    assert [len(c) for c in chunks] == [3000, 3000, 1000]


def test_too_many_parts_end_with_a_note_in_the_users_language() -> None:
    reply = Reply([Header("h" * 400)] + [Section(f"s{n}", Button("b" * 100, "a", "v")) for n in range(80)])
    blocks = render(reply, translator("sv"))
    assert len(blocks) == MAX_BLOCKS
    assert len(blocks[0]["text"]["text"]) == 150
    assert all(len(b["accessory"]["text"]["text"]) <= 75 for b in blocks if "accessory" in b)
    assert blocks[-1]["type"] == "context"
    assert blocks[-1]["elements"][0]["text"] == translator("sv")(
        "The answer is too long to show whole; ask for one priority at a time."
    )


def test_mrkdwn_escapes_everything_typed_and_then_draws_the_bots_own_references() -> None:
    typed = "<!channel> & <!here> <@U123|x> <#C1> <https://x|y> &amp; *bold* \ue002"
    text = f"{person('UFI00001')} wrote in {channel('CNETWORK1')}: {plain(typed)}\n{quote('a > b')}"
    assert mrkdwn(text) == (
        "<@UFI00001> wrote in <#CNETWORK1>: &lt;!channel&gt; &amp; &lt;!here&gt; &lt;@U123|x&gt; &lt;#C1&gt; "
        "&lt;https://x|y&gt; &amp;amp; *bold* \n> a &gt; b"
    )


def test_a_forged_reference_marker_in_typed_text_is_only_text() -> None:
    assert mrkdwn(plain("\ue000@U123\ue001")) == "@U123"
    assert plain_text(f"{person('U9')} \ue000#C1\ue001") == "@U9 #C1"


def test_every_mrkdwn_field_of_a_reply_is_escaped_and_plain_text_fields_are_not() -> None:
    reply = Reply(
        [
            Header(f"<!here> {person('U1')}"),
            Section("<!channel> & co", Button(f"<b> {person('U2')}", "a", "v")),
            Context("<@U123>"),
        ]
    )
    blocks = render(reply, translator("fi"))
    assert blocks[0]["text"] == {"type": "plain_text", "text": "<!here> @U1"}
    assert blocks[1]["text"]["text"] == "&lt;!channel&gt; &amp; co"
    assert blocks[1]["accessory"]["text"]["text"] == "<b> @U2"
    assert blocks[2]["elements"][0]["text"] == "&lt;@U123&gt;"
    assert message_text(Reply([Section(f"<!everyone> {person('U1')}")])) == "&lt;!everyone&gt; <@U1>"


def test_a_cut_never_splits_an_entity_or_a_reference() -> None:
    for shift in range(8):
        text = "x" * (MAX_SECTION - shift) + "&<" + person("UFI00001") * 3
        chunks = split_text(mrkdwn(text), MAX_SECTION)
        assert "".join(chunks) == mrkdwn(text)
        assert all(len(chunk) <= MAX_SECTION for chunk in chunks)
        assert all(re.fullmatch(r"(&(amp|lt|gt);|<@UFI00001>|[^&<>])*", chunk) for chunk in chunks), chunks
    context = render(Reply([Context("y" * (MAX_SECTION - 3) + "&&&")]), translator("fi"))
    assert context[0]["elements"][0]["text"] == "y" * (MAX_SECTION - 3) + "…"


def test_a_forms_intro_is_escaped_and_its_labels_and_values_carry_no_markers() -> None:
    form = Form(
        "cb",
        f"<!here> {person('U1')}",
        "OK",
        (Field("f", f"Label {person('U2')}", initial=f"<!channel> {person('U3')}"),),
        intro=f"#{12} *<!channel> Kevät* {person('U4')}",
    )
    view = modal(form)
    assert view["blocks"][0]["text"]["text"] == "#12 *&lt;!channel&gt; Kevät* <@U4>"
    assert view["title"]["text"] == "<!here> @U1"
    assert view["blocks"][1]["label"]["text"] == "Label @U2"
    assert view["blocks"][1]["element"]["initial_value"] == "<!channel> @U3"


def test_typed_form_values_lose_the_markers() -> None:
    state = {"values": {"f": {"value": {"value": "\ue000@U1\ue001 <!here>\x00"}}}}
    assert values({"state": state}) == {"f": "@U1 <!here>"}


def test_the_terminal_shows_escaped_text_as_characters_again() -> None:
    shown = mrkdwn_to_text(mrkdwn(f"{person('U1')} in {channel('C1')}: <!channel> a &amp; b < c"))
    assert shown == "@U1 in #C1: <!channel> a &amp; b < c"


def test_buttons_keep_their_order_in_rows_slack_takes() -> None:
    """Slack refuses an empty actions block and an action_id twice in one: a repeat starts a new row."""
    buttons = (Button("Yes", "rsvp", "1"), Button("Open", "open", "1"), Button("Yes too", "rsvp", "2"))
    blocks = render(Reply([Actions(()), Actions(buttons)]), translator("en"))
    rows = [[element["text"]["text"] for element in block["elements"]] for block in blocks]
    assert rows == [["Yes", "Open"], ["Yes too"]]
