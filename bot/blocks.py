"""Block Kit for a `Reply`, kept inside Slack's limits, and the one place where text becomes mrkdwn.

Every mrkdwn text (sections, context, a form's intro, a message's `text`) goes through `mrkdwn`: the
whole text is escaped first (`&`, `<`, `>` as entities), and only then are the bot's own references
(`person()`, `channel()` markers) drawn as `<@U…>` and `<#C…>`, and its quotes (`quote()`) as `> `.
So whatever a person typed, including `<!channel>`, `<!here>`, `<!subteam^…>` or `<@U…>`, is shown as
the characters typed and notifies no one, and nothing is ever un-escaped on the way out. plain_text
fields (headers, buttons, a form's labels, hints and values) are never read as markup by Slack; they
only lose the markers (`plain_text`).

Slack refuses a message with more than 50 blocks, a section over 3,000 characters, a header over 150,
a button label over 75, an empty actions block or one with an action_id twice: long sections are split at
line ends, repeated action_ids go to a new row, and a reply that would still be too long ends with a note
instead of being refused. No cut falls inside an entity or a reference.
"""

from __future__ import annotations

from typing import Any

from participation.i18n import Gettext
from participation.messages import (
    QUOTE,
    REFERENCE,
    Actions,
    Button,
    Context,
    Divider,
    Header,
    Part,
    Reply,
    Section,
)

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_BUTTON = 75
MAX_VALUE = 2000
MAX_TEXT = 40_000  # Slack truncates a message's `text` beyond this
# The longest entity or reference a cut must not fall into: `&amp;` or `<@` + an id of up to 32 + `>`.
_LONGEST_TOKEN = 36


def message_text(reply: Reply) -> str:
    """A message's `text`: what notifications, screen readers and clients without blocks show."""
    return _cut(mrkdwn(reply.summary), MAX_TEXT)


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
            cut = _safe_cut(line, size)
            chunks.append(line[:cut])
            line = line[cut:]
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
        "text": {"type": "plain_text", "text": _cut(plain_text(button.label), MAX_BUTTON)},
        "action_id": button.action_id,
        "value": button.value[:MAX_VALUE],
    }
    if button.primary:
        block["style"] = "primary"
    return block


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _cut(mrkdwn(text), MAX_SECTION)}]}


def mrkdwn(text: str) -> str:
    """`text` for a mrkdwn field: all of it escaped, then the bot's own references drawn as Slack writes
    them. The markers hold no `&`, `<` or `>`, so escaping leaves them for the second step intact."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return REFERENCE.sub(lambda found: f"<{found[1]}{found[2]}>", escaped).replace(QUOTE, "> ")


def plain_text(text: str) -> str:
    """References in a plain_text field, which cannot mention: `@U123`, `#C123`; a quote as `> `."""
    return REFERENCE.sub(lambda found: f"{found[1]}{found[2]}", text).replace(QUOTE, "> ")


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[: _safe_cut(text, size - 1)] + "…"


def _safe_cut(text: str, size: int) -> int:
    """Where to cut rendered mrkdwn at most `size` characters in: before an entity (`&amp;`) or a
    reference (`<@U…>`) that the cut would split, so neither is left half written."""
    for opening, closing in (("&", ";"), ("<", ">")):
        start = text.rfind(opening, max(0, size - _LONGEST_TOKEN), size)
        if start > 0 and text.find(closing, start) >= size:
            return start
    return size
