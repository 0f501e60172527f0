"""A reply as JSON and back, for the outbox: an answer to a click or a form is stored as what it says.

Only the neutral parts are stored (texts, references, buttons by action id and value); a stored reply
never holds Slack's Block Kit, which the transport makes at send time.
"""

from __future__ import annotations

from typing import Any

from participation.messages import Actions, Button, Context, Divider, Header, Part, Reply, Section

Json = dict[str, Any]


def reply_to_json(reply: Reply) -> Json:
    return {"parts": [_part(part) for part in reply.parts], "error": reply.error}


def reply_from_json(data: Json) -> Reply:
    return Reply([_from(part) for part in data.get("parts") or []], error=bool(data.get("error")))


def _part(part: Part) -> Json:
    if isinstance(part, Header):
        return {"type": "header", "text": part.text}
    if isinstance(part, Context):
        return {"type": "context", "text": part.text}
    if isinstance(part, Divider):
        return {"type": "divider"}
    if isinstance(part, Actions):
        return {"type": "actions", "buttons": [_button(button) for button in part.buttons]}
    stored: Json = {"type": "section", "text": part.text}
    if part.button is not None:
        stored["button"] = _button(part.button)
    return stored


def _from(data: Json) -> Part:
    kind = data.get("type")
    if kind == "header":
        return Header(str(data["text"]))
    if kind == "context":
        return Context(str(data["text"]))
    if kind == "divider":
        return Divider()
    if kind == "actions":
        return Actions(tuple(_button_from(button) for button in data.get("buttons") or []))
    button = data.get("button")
    return Section(str(data.get("text", "")), _button_from(button) if button else None)


def _button(button: Button) -> Json:
    return {
        "label": button.label,
        "action_id": button.action_id,
        "value": button.value,
        "primary": button.primary,
    }


def _button_from(data: Json) -> Button:
    return Button(str(data["label"]), str(data["action_id"]), str(data["value"]), bool(data.get("primary")))
