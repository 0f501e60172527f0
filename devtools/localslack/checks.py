"""Block Kit as Slack checks it, so a message or view Slack would refuse is refused in tests too.

Only the limits the bot can run into are checked (counts, lengths, required fields, unique ids), with
Slack's codes (`invalid_blocks` for messages, `invalid_arguments` for views, `no_text`) and its
`[ERROR] … [json-pointer:…]` lines in `response_metadata.messages`.
"""

from __future__ import annotations

import json
from typing import Any

from devtools.localslack.wire import Json, decoded

MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
TEXT_METHODS = frozenset({"chat.postMessage", "chat.postEphemeral", "chat.update"})
BLOCK_METHODS = TEXT_METHODS | {"response_url"}
VIEW_METHODS = frozenset({"views.open", "views.update", "views.push", "views.publish"})

# (block type, field): the longest text Slack takes there.
_LONGEST = {"section": 3000, "header": 150, "context": 3000, "input": 2000, "field": 2000, "hint": 2000}


def refusal(method: str, args: Json) -> Json | None:
    """Slack's `ok: false` answer for a message or view it would refuse, None when it would take it."""
    if method in VIEW_METHODS:
        return _view_refusal(args)
    if method not in BLOCK_METHODS:
        return None
    try:
        blocks = decoded(args.get("blocks"))
    except json.JSONDecodeError:
        return {"ok": False, "error": "invalid_blocks_format"}
    if method in TEXT_METHODS and not args.get("text") and not blocks and not args.get("attachments"):
        return {"ok": False, "error": "no_text"}
    if blocks in (None, ""):
        return None
    return _refused("invalid_blocks", blocks_problems(blocks, MESSAGE_BLOCKS, "/blocks"))


def _view_refusal(args: Json) -> Json | None:
    try:
        view = decoded(args.get("view"))
    except json.JSONDecodeError:
        view = None
    if not isinstance(view, dict):
        return _refused("invalid_arguments", ["[ERROR] missing required field: view [json-pointer:/view]"])
    return _refused("invalid_arguments", view_problems(view))


def view_problems(view: Json) -> list[str]:
    """A modal needs a title of at most 24 characters, and a submit button when it has inputs."""
    kind = view.get("type")
    if kind not in ("modal", "home"):
        problem = "must be one of modal, home" if kind else "missing required field: type"
        return [_error(problem, "/view/type")]
    problems: list[str] = []
    if kind == "modal":
        if not isinstance(view.get("title"), dict):
            problems.append(_error("missing required field: title", "/view/title"))
        blocks = _list(view.get("blocks"))
        needs_submit = any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)
        if needs_submit and not isinstance(view.get("submit"), dict):
            problems.append(_error("missing required field: submit", "/view/submit"))
        for name in ("title", "submit", "close"):
            problems += _text(view.get(name), 24, f"/view/{name}", plain=True)
    problems += _longer(view.get("private_metadata"), 3000, "/view/private_metadata")
    problems += _longer(view.get("callback_id"), 255, "/view/callback_id")
    if "blocks" not in view:
        return [*problems, _error("missing required field: blocks", "/view/blocks")]
    return problems + blocks_problems(view["blocks"], VIEW_BLOCKS, "/view/blocks")


def blocks_problems(blocks: Any, limit: int, at: str) -> list[str]:
    """Each block's own problems, too many blocks, and a block_id used twice."""
    if not isinstance(blocks, list):
        return [_error("must be an array", at)]
    problems = [_error(f"no more than {limit} items allowed", at)] if len(blocks) > limit else []
    seen: set[str] = set()
    for index, block in enumerate(blocks):
        where = f"{at}/{index}"
        if not isinstance(block, dict) or not block.get("type"):
            problems.append(_error("missing required field: type", f"{where}/type"))
            continue
        block_id = block.get("block_id")
        if block_id is not None and str(block_id) in seen:
            problems.append(_error("block_id must be unique within a message", f"{where}/block_id"))
        seen.add(str(block_id))
        problems += _longer(block_id, 255, f"{where}/block_id") + block_problems(block, where)
    return problems


def block_problems(block: Json, where: str) -> list[str]:
    kind = str(block["type"])
    problems = _action_ids(block, where)
    if kind == "section":
        if "text" not in block and "fields" not in block:
            problems.append(_error("must provide either text or fields", where))
        problems += _text(block.get("text"), _LONGEST["section"], f"{where}/text")
        for number, field in enumerate(_list(block.get("fields"))):
            problems += _text(field, _LONGEST["field"], f"{where}/fields/{number}")
        problems += _element(block.get("accessory"), f"{where}/accessory")
    elif kind == "header":
        problems += _required_text(block, "text", _LONGEST["header"], where)
    elif kind == "actions":
        elements = _list(block.get("elements"))
        if not elements or len(elements) > 25:
            problems.append(_error("must have between 1 and 25 elements", f"{where}/elements"))
        for number, element in enumerate(elements):
            problems += _element(element, f"{where}/elements/{number}")
    elif kind == "context":
        elements = _list(block.get("elements"))
        if not elements or len(elements) > 10:
            problems.append(_error("must have between 1 and 10 elements", f"{where}/elements"))
        for number, element in enumerate(elements):
            if not (isinstance(element, dict) and element.get("type") == "image"):
                problems += _text(element, _LONGEST["context"], f"{where}/elements/{number}")
    elif kind == "input":
        problems += _required_text(block, "label", _LONGEST["input"], where)
        problems += _text(block.get("hint"), _LONGEST["hint"], f"{where}/hint", plain=True)
        if not isinstance(block.get("element"), dict):
            problems.append(_error("missing required field: element", f"{where}/element"))
        problems += _element(block.get("element"), f"{where}/element")
    return problems


def _action_ids(block: Json, where: str) -> list[str]:
    """Slack wants each action_id used once within its block."""
    elements = [(f"/elements/{n}", element) for n, element in enumerate(_list(block.get("elements")))]
    elements += [("/accessory", block.get("accessory")), ("/element", block.get("element"))]
    seen: set[str] = set()
    problems: list[str] = []
    for pointer, element in elements:
        if not isinstance(element, dict) or element.get("action_id") is None:
            continue
        action_id = str(element["action_id"])
        if action_id in seen:
            problems.append(_error("action_id must be unique within a block", f"{where}{pointer}/action_id"))
        seen.add(action_id)
    return problems


def _element(element: Any, where: str) -> list[str]:
    """An interactive element: a button needs a plain_text label of at most 75, a value of at most 2000."""
    if element is None:
        return []
    if not isinstance(element, dict):
        return [_error("must be an object", where)]
    problems = _longer(element.get("action_id"), 255, f"{where}/action_id")
    if element.get("type") == "button":
        problems += _required_text(element, "text", 75, where)
        problems += _longer(element.get("value"), 2000, f"{where}/value")
        problems += _longer(element.get("url"), 3000, f"{where}/url")
    groups = _list(element.get("option_groups"))
    problems += _options(element.get("options"), f"{where}/options")
    for number, group in enumerate(groups):
        problems += _required_text(group, "label", 75, f"{where}/option_groups/{number}")
        problems += _options(group.get("options"), f"{where}/option_groups/{number}/options")
    if len(groups) > 100:
        problems.append(_error("no more than 100 items allowed", f"{where}/option_groups"))
    return problems + _text(element.get("placeholder"), 150, f"{where}/placeholder", plain=True)


def _options(options: Any, where: str) -> list[str]:
    """A select's options: at most 100, each a plain_text of at most 75 and a value of at most 150."""
    problems = [_error("no more than 100 items allowed", where)] if len(_list(options)) > 100 else []
    for number, option in enumerate(_list(options)):
        problems += _required_text(option, "text", 75, f"{where}/{number}")
        problems += _longer(option.get("value"), 150, f"{where}/{number}/value")
    return problems


def _required_text(parent: Any, name: str, size: int, where: str) -> list[str]:
    if not isinstance(parent, dict):
        return [_error("must be an object", where)]
    if not isinstance(parent.get(name), dict):
        return [_error(f"missing required field: {name}", f"{where}/{name}")]
    return _text(parent[name], size, f"{where}/{name}", plain=True)


def _text(text: Any, size: int, where: str, plain: bool = False) -> list[str]:
    """A text object: the right type, some text, and not too much of it."""
    if text is None:
        return []
    if not isinstance(text, dict) or text.get("type") not in ("plain_text", "mrkdwn"):
        return [_error("must be a text object", where)]
    if plain and text["type"] != "plain_text":
        return [_error("must be a plain_text object", f"{where}/type")]
    if not str(text.get("text") or ""):
        return [_error("must be more than 0 characters", f"{where}/text")]
    return _longer(text.get("text"), size, f"{where}/text")


def _longer(value: Any, size: int, where: str) -> list[str]:
    if value is None or len(str(value)) <= size:
        return []
    return [_error(f"must be less than {size + 1} characters", where)]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _error(message: str, pointer: str) -> str:
    return f"[ERROR] {message} [json-pointer:{pointer}]"


def _refused(error: str, problems: list[str]) -> Json | None:
    if not problems:
        return None
    return {"ok": False, "error": error, "response_metadata": {"messages": problems}}
