"""Requests as Slack sends them: form-encoded slash commands, `payload=` interactions, JSON events,
each signed with the app's signing secret (v0 HMAC-SHA256 over `v0:timestamp:body`)."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

TEAM = {"id": "T0LOCAL", "domain": "local"}
_SERIAL = itertools.count(1)


def unique_id(prefix: str = "") -> str:
    """A fresh id, as Slack gives each delivery its own `trigger_id` and each event its own `event_id`:
    two requests alike in every other way are still two requests, not a replay of one."""
    return f"{prefix}{time.time_ns()}.{next(_SERIAL)}"


def signed_headers(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature or ""}


def slash_command(
    user_id: str,
    text: str,
    response_url: str,
    channel_id: str = "CLOCAL",
    command: str = "/osallisuus",
    trigger_id: str | None = None,
) -> tuple[str, str]:
    body = urlencode(
        {
            "token": "unused",
            "team_id": TEAM["id"],
            "team_domain": TEAM["domain"],
            "channel_id": channel_id,
            "channel_name": "local",
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": "A0LOCAL",
            "response_url": response_url,
            "trigger_id": trigger_id or unique_id(),
        }
    )
    return body, "application/x-www-form-urlencoded"


def block_actions(
    user_id: str,
    action: dict[str, Any],
    response_url: str,
    channel_id: str = "CLOCAL",
    message: dict[str, Any] | None = None,
    view: dict[str, Any] | None = None,
) -> tuple[str, str]:
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": TEAM,
        "user": {"id": user_id, "username": user_id.lower(), "team_id": TEAM["id"]},
        "api_app_id": "A0LOCAL",
        "trigger_id": unique_id(),
        "channel": {"id": channel_id, "name": "local"},
        "container": {"type": "message", "channel_id": channel_id, "is_ephemeral": True},
        "response_url": response_url,
        "actions": [{"type": "button", "block_id": "b", "action_ts": f"{time.time():.6f}", **action}],
    }
    if message is not None:
        payload["message"] = message
    if view is not None:
        payload["view"] = view
        payload["container"] = {"type": "view", "view_id": view.get("id", "V0")}
        del payload["response_url"]
    return urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"


def event_callback(event: dict[str, Any], event_id: str | None = None) -> tuple[str, str]:
    body = {
        "token": "unused",
        "team_id": TEAM["id"],
        "api_app_id": "A0LOCAL",
        "type": "event_callback",
        "event": event,
        "event_id": event_id or unique_id("Ev"),
        "event_time": int(time.time()),
    }
    return json.dumps(body), "application/json"


def view_submission(user_id: str, view: dict[str, Any], values: dict[str, Any]) -> tuple[str, str]:
    """`values` maps a block id to its input's state:
    `{"date": {"type": "datepicker", "selected_date": "2027-03-16"}}`."""
    state = {block_id: {"value": value} for block_id, value in values.items()}
    submitted = {**view, "id": view.get("id", "V0LOCAL"), "state": {"values": state}}
    payload = {
        "type": "view_submission",
        "team": TEAM,
        "user": {"id": user_id, "username": user_id.lower(), "team_id": TEAM["id"]},
        "api_app_id": "A0LOCAL",
        "trigger_id": unique_id(),
        "view": submitted,
    }
    return urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"
