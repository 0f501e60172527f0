"""The strict stand-in with the bot in front of it: the shell names a refused request, and a slow Slack
does not hold up the bot's acknowledgement."""

from __future__ import annotations

import contextlib
import io
import time

from slack_sdk.errors import SlackApiError

from bot.app import create_app
from bot.runtime import prepare
from config.settings import Settings
from devtools.localslack.server import SlackStandIn
from devtools.localslack.shell import Shell
from tests.conftest import SIGNING_SECRET
from tests.support.running import RunningBot


def test_the_shell_says_when_slack_would_refuse_a_request(settings: Settings, standin: SlackStandIn) -> None:
    runtime = prepare(settings)
    out = io.StringIO()
    app = create_app(runtime)
    shell = Shell(app, standin, SIGNING_SECRET, "UFI00001", out)
    standin.scopes = {"commands"}  # no chat:write
    try:
        with contextlib.suppress(SlackApiError):
            app.client.chat_postMessage(channel="CNETWORK1", text="Hei")  # as the outbox thread would
        shell.handle("/osallisuus help")
    finally:
        runtime.db.dispose()
    assert "(Slack would refuse this " in out.getvalue() and '"error": "missing_scope"' in out.getvalue()
    assert {refusal.error for refusal in standin.refusals} == {"missing_scope"}
    standin.refusals.clear()  # refused on purpose: the shared stand-in would fail the test


def test_a_slow_slack_does_not_hold_up_the_acknowledgement(bot: RunningBot, standin: SlackStandIn) -> None:
    standin.slow(1.0)
    started = time.monotonic()
    acknowledged = bot.command("UFI00001", "help")
    took = time.monotonic() - started
    assert acknowledged.status_code == 200 and "/osallisuus status" in acknowledged.text
    assert took < 1.0  # every Slack call would cost a second: the answer made none before the ack
