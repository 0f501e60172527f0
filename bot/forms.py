"""A `Form` as a Slack modal, and a submitted modal's state back as plain `{field: value}`.

The intro is mrkdwn and is rendered by `bot.blocks.mrkdwn` like every message text; everything else in a
modal is plain_text, which Slack never reads as markup, and only loses the reference markers."""

from __future__ import annotations

import json
from typing import Any

from bot.blocks import MAX_SECTION, Block, mrkdwn, plain_text, split_text
from participation.messages import Field, Form, plain

ACTION = "value"
MAX_TITLE = 24
MAX_OPTIONS = 100


def modal(form: Form) -> dict[str, Any]:
    blocks: list[Block] = []
    if form.intro:
        intro = split_text(mrkdwn(form.intro), MAX_SECTION)[0]
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": intro}})
    blocks += [_input(field) for field in form.fields]
    return {
        "type": "modal",
        "callback_id": form.callback_id,
        "private_metadata": form.metadata,
        "title": _plain(form.title, MAX_TITLE),
        "submit": _plain(form.submit, MAX_TITLE),
        "blocks": blocks,
    }


def shown(title: str, close: str, blocks: list[Block]) -> dict[str, Any]:
    """A modal that only shows something (a short wait, or why a form's next step cannot be shown)."""
    return {
        "type": "modal",
        "title": _plain(title, MAX_TITLE),
        "close": _plain(close, MAX_TITLE),
        "blocks": blocks,
    }


def _input(field: Field) -> Block:
    element: Block = {"action_id": ACTION}
    if field.kind == "date":
        element |= {"type": "datepicker"} | ({"initial_date": field.initial} if field.initial else {})
    elif field.kind == "time":
        element |= {"type": "timepicker"} | ({"initial_time": field.initial} if field.initial else {})
    elif field.kind == "select":
        element |= _select(field)
    elif field.kind == "number":
        element |= {"type": "number_input", "is_decimal_allowed": field.decimals}
        for key, bound in (("min_value", field.minimum), ("max_value", field.maximum)):
            if bound is not None:
                element[key] = _number(bound)
        if field.initial:
            element["initial_value"] = field.initial
    else:
        element |= {"type": "url_text_input" if field.kind == "url" else "plain_text_input"}
        if field.kind == "textarea":
            element["multiline"] = True
        if field.initial:
            element["initial_value"] = plain_text(field.initial)
        if field.max_length and field.kind != "url":
            element["max_length"] = field.max_length
    block: Block = {
        "type": "input",
        "block_id": field.block_id,
        "label": _plain(field.label, 2000),
        "element": element,
        "optional": field.optional,
    }
    if field.hint:
        block["hint"] = _plain(field.hint, 2000)
    return block


def _select(field: Field) -> Block:
    """A static select; with groups, Slack's option groups, the whole at most 100 options as Slack allows."""
    left = MAX_OPTIONS
    every: list[Block] = []
    groups: list[Block] = []
    for label, group in field.groups or (("", field.options),):
        options = [{"text": _plain(text, 75), "value": value} for value, text in group[:left]]
        left -= len(options)
        every += options
        if options:
            groups.append({"label": _plain(label, 75), "options": options})
    element: Block = {"type": "static_select"}
    if field.groups and groups:
        element["option_groups"] = groups[:MAX_OPTIONS]
    else:
        element["options"] = every or [{"text": _plain("–", 75), "value": "-"}]
    chosen = next((o for o in every if o["value"] == field.initial), None)
    if chosen:
        element["initial_option"] = chosen
    return element


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def values(view: dict[str, Any]) -> dict[str, str]:
    """Each input's value as text, whatever its kind; a field left empty is an empty string. Typed text
    loses the reference markers (`plain`), so it can never pose as the bot's own reference."""
    state = (view.get("state") or {}).get("values") or {}
    found: dict[str, str] = {}
    for block_id, actions in state.items():
        if not isinstance(actions, dict):
            continue
        action = actions.get(ACTION) or {}
        option = action.get("selected_option") or {}
        value = (
            action.get("value")
            or action.get("selected_date")
            or action.get("selected_time")
            or option.get("value")
            or ""
        )
        found[str(block_id)] = plain(str(value))
    return found


def _plain(text: str, size: int) -> dict[str, Any]:
    text = plain_text(text)
    return {"type": "plain_text", "text": text if len(text) <= size else text[: size - 1] + "…"}


def as_json(view: dict[str, Any]) -> str:
    return json.dumps(view, ensure_ascii=False)
