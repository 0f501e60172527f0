"""Looking for what must never reach Slack from typed text: a special mention, or a user mention the bot
did not make. Only text Slack reads as markup is searched: mrkdwn blocks, a message's `text`, a file's
`initial_comment`, and a modal's field errors; plain_text shows `<!channel>` as those characters."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from devtools.localslack.server import Call

SPECIAL = re.compile(r"<!")
USER_MENTION = re.compile(r"<@([A-Z0-9]*)([^>]*)>")


def marked_up(node: Any) -> Iterator[str]:
    """Every text in a payload (a call's arguments, an HTTP answer) that Slack would read as mrkdwn."""
    if isinstance(node, str):
        decoded = _json(node)
        if decoded is not None:
            yield from marked_up(decoded)
        return
    if isinstance(node, list):
        for item in node:
            yield from marked_up(item)
        return
    if not isinstance(node, dict):
        return
    text = node.get("text")
    if isinstance(text, str) and node.get("type") in (None, "mrkdwn"):
        yield text
    if isinstance(node.get("initial_comment"), str):
        yield node["initial_comment"]
    errors = node.get("errors")
    if isinstance(errors, dict):
        yield from (str(error) for error in errors.values())
    for key, value in node.items():
        if key in {"blocks", "view", "attachments"} or isinstance(value, dict | list):
            yield from marked_up(value)


def leaks(texts: Iterable[str], made_by_bot: set[str]) -> list[str]:
    """The texts holding a special mention (`<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>`, any
    `<!…>`) or a user mention that is not one of the bot's own plain `<@U…>` references."""
    found = []
    for text in texts:
        forged = [m for m in USER_MENTION.finditer(text) if m[1] not in made_by_bot or m[2]]
        if SPECIAL.search(text) or forged:
            found.append(text)
    return found


def call_texts(calls: Iterable[Call]) -> Iterator[str]:
    for call in calls:
        yield from marked_up(call.args)


def _json(text: str) -> Any:
    if text[:1] not in {"{", "["}:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None
