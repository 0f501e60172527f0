"""The floor of this stack: a bare Bolt app that answers `/osallisuus` with a fixed ephemeral Block Kit
message in the acknowledgement and acknowledges a poll's rating button with a bare `ack()`, checking the
same signature, served the same way as the bot (Flask and Bolt's `SlackRequestHandler`, on the server the
benchmark gives both)."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, Response, request
from slack_bolt import Ack, App
from slack_bolt.adapter.flask import SlackRequestHandler
from slack_sdk import WebClient

TEXT = "Osallisuussuunnitelma"
BLOCKS: list[dict[str, Any]] = [
    {"type": "header", "text": {"type": "plain_text", "text": "Osallisuussuunnitelma 2026–2029"}},
    {"type": "section", "text": {"type": "mrkdwn", "text": "*Painopiste 1*: 3/5 mittaria vahvistettu"}},
    {"type": "section", "text": {"type": "mrkdwn", "text": "*Painopiste 2*: 1/4 mittaria vahvistettu"}},
    {"type": "context", "elements": [{"type": "mrkdwn", "text": "Päivitetty juuri nyt"}]},
]


def create_baseline(signing_secret: str, token: str, api_url: str) -> Flask:
    """The app with one listener. Bolt checks its token once (`auth.test`), at the Slack `api_url` the bot
    uses too; it is never asked at start-up."""
    client = WebClient(token=token, base_url=api_url, timeout=10)
    app = App(client=client, signing_secret=signing_secret, token_verification_enabled=False)

    @app.command("/osallisuus")
    def _answer(ack: Ack) -> None:
        ack(text=TEXT, blocks=BLOCKS, response_type="ephemeral")

    @app.action(re.compile(r"^poll_answer_"))
    def _click(ack: Ack) -> None:
        ack()

    web = Flask("baseline")
    handler = SlackRequestHandler(app)

    @web.post("/slack/events")
    def slack_events() -> Response:
        return handler.handle(request)

    return web
