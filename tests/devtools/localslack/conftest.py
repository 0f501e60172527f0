"""A stand-in of its own for the strictness tests, which make requests Slack refuses on purpose (the
suite's shared stand-in fails a test that does), and the real WebClient the bot uses, pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from devtools.localslack.server import SlackStandIn

TOKEN = "xoxb-strict-test"


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    server = SlackStandIn(token=TOKEN).start()
    server.add_user("UAINO001", "Aino Virtanen", email="aino@example.org")
    server.channels["CLOCAL"] = ["UAINO001", server.bot_user_id]
    yield server
    server.stop()


@pytest.fixture
def client(slack: SlackStandIn) -> WebClient:
    return WebClient(token=TOKEN, base_url=slack.api_url, timeout=5)
