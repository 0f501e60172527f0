"""Rendering keeps Slack's limits whatever a reply holds."""

from __future__ import annotations

from bot.blocks import MAX_BLOCKS, MAX_SECTION, render, split_text
from participation.i18n import translator
from participation.messages import Actions, Button, Header, Reply, Section


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


def test_buttons_keep_their_order_in_rows_slack_takes() -> None:
    """Slack refuses an empty actions block and an action_id twice in one: a repeat starts a new row."""
    buttons = (Button("Yes", "rsvp", "1"), Button("Open", "open", "1"), Button("Yes too", "rsvp", "2"))
    blocks = render(Reply([Actions(()), Actions(buttons)]), translator("en"))
    rows = [[element["text"]["text"] for element in block["elements"]] for block in blocks]
    assert rows == [["Yes", "Open"], ["Yes too"]]
