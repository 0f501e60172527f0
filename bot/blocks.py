"""Block Kit for a `Reply`, kept inside Slack's limits.

Slack refuses a message with more than 50 blocks, a section over 3,000 characters, a header over 150,
a button label over 75, an empty actions block or one with an action_id twice: long sections are split at
line ends, repeated action_ids go to a new row, and a reply that would still be too long ends with a note
instead of being refused.
"""

from __future__ import annotations

from typing import Any

from participation.i18n import Gettext
from participation.messages import REFERENCE, Actions, Button, Context, Divider, Header, Part, Reply, Section

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_BUTTON = 75
MAX_VALUE = 2000


def render(reply: Reply, _: Gettext, limit: int = MAX_BLOCKS) -> list[Block]:
    blocks = [block for part in reply.parts for block in _blocks(part)]
    if len(blocks) <= limit:
        return blocks
    kept = blocks[: limit - 1]
    kept.append(_context(_("The answer is too long to show whole; ask for one priority at a time.")))
    return kept


def _blocks(part: Part) -> list[Block]:
    if isinstance(part, Header):
        text = _cut(plain_text(part.text), MAX_HEADER)
        return [{"type": "header", "text": {"type": "plain_text", "text": text}}]
    if isinstance(part, Context):
        return [_context(part.text)]
    if isinstance(part, Divider):
        return [{"type": "divider"}]
    if isinstance(part, Actions):
        return _actions(part.buttons[:25])
    return _sections(part)


def _actions(buttons: tuple[Button, ...]) -> list[Block]:
    """Buttons in rows Slack takes: no buttons, no block (Slack refuses an empty one), and a button whose
    action_id is already in the row starts a new row (Slack refuses an action_id twice in one block)."""
    rows: list[list[Block]] = []
    for button in buttons:
        if not rows or any(element["action_id"] == button.action_id for element in rows[-1]):
            rows.append([])
        rows[-1].append(_button(button))
    return [{"type": "actions", "elements": row} for row in rows]


def _sections(section: Section) -> list[Block]:
    chunks = split_text(mrkdwn(section.text), MAX_SECTION)
    blocks: list[Block] = [{"type": "section", "text": {"type": "mrkdwn", "text": chunk}} for chunk in chunks]
    if section.button is not None:
        blocks[-1]["accessory"] = _button(section.button)
    return blocks


def split_text(text: str, size: int) -> list[str]:
    """Pieces of at most `size` characters, cut at line ends where the text has them."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > size:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:size])
            line = line[size:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > size:
            chunks.append(current)
            candidate = line
        current = candidate
    chunks.append(current)
    return [chunk if chunk.strip() else " " for chunk in chunks]


def _button(button: Button) -> Block:
    block: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": _cut(button.label, MAX_BUTTON)},
        "action_id": button.action_id,
        "value": button.value[:MAX_VALUE],
    }
    if button.primary:
        block["style"] = "primary"
    return block


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _cut(mrkdwn(text), MAX_SECTION)}]}


def mrkdwn(text: str) -> str:
    """The bot's own references to people and channels as Slack writes them."""
    return REFERENCE.sub(lambda found: f"<{found[1]}{found[2]}>", text)


def plain_text(text: str) -> str:
    """References in a plain_text field, which cannot mention: `@U123`, `#C123`."""
    return REFERENCE.sub(lambda found: f"{found[1]}{found[2]}", text)


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
