"""Block Kit drawn as terminal text, for `osallisuus shell` and `osallisuus status`.

mrkdwn arrives escaped (`bot.blocks`): after mentions and links are drawn, `&lt;`, `&gt;` and `&amp;`
become characters again, for the terminal only, which reads no markup."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_MENTION = re.compile(r"<([@#])([A-Z0-9]+)(?:\|[^>]*)?>")
_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")
_BARE_LINK = re.compile(r"<(https?://[^|>]+)>")


@dataclass(frozen=True)
class PressableButton:
    label: str
    action_id: str
    value: str
    block_id: str


def mrkdwn_to_text(text: str) -> str:
    text = _MENTION.sub(r"\1\2", text)
    text = _BARE_LINK.sub(r"\1", _LINK.sub(r"\2 (\1)", text))
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def draw(
    blocks: list[dict[str, Any]], numbered: bool = True, start: int = 1
) -> tuple[str, list[PressableButton]]:
    """The blocks as lines of text, and the buttons in the order they are numbered on screen."""
    lines: list[str] = []
    buttons: list[PressableButton] = []

    def label(element: dict[str, Any], block_id: str) -> str:
        buttons.append(
            PressableButton(
                element["text"]["text"], element.get("action_id", ""), element.get("value", ""), block_id
            )
        )
        return f"[{start + len(buttons) - 1}] {element['text']['text']}" if numbered else ""

    for index, block in enumerate(blocks):
        kind, block_id = block.get("type"), block.get("block_id", f"b{index}")
        if kind == "header":
            title = block["text"]["text"]
            lines += ["", title, "=" * min(len(title), 80)]
        elif kind == "section":
            lines.append(mrkdwn_to_text(block.get("text", {}).get("text", "")))
            accessory = block.get("accessory")
            if accessory and accessory.get("type") == "button" and numbered:
                lines.append("    " + label(accessory, block_id))
        elif kind == "context":
            lines.append(
                "  " + " ".join(mrkdwn_to_text(e.get("text", "")) for e in block.get("elements", []))
            )
        elif kind == "divider":
            lines.append("-" * 40)
        elif kind == "actions" and numbered:
            shown = [label(e, block_id) for e in block.get("elements", []) if e.get("type") == "button"]
            lines.append("  ".join(shown))
    return "\n".join(lines).strip("\n"), buttons
