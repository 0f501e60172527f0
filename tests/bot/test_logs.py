"""Log lines as an operator's log collector reads them: `LOG_FORMAT=json` gives one JSON object per line,
each line written while a request is handled carries that request's id, and no token, secret or e-mail
address comes out."""

from __future__ import annotations

import io
import json
import logging
import socket
from collections.abc import Iterator

import pytest

from config.logs import REQUEST_ID_HEADER, log_handler
from config.settings import Settings
from devtools.localslack.payloads import slash_command
from tests.conftest import COORDINATOR
from tests.support.running import RunningBot


@pytest.fixture
def captured(settings: Settings) -> Iterator[io.StringIO]:
    """Everything logged in this process, down to debug, through the handler `serve` uses. Set up before
    the bot: Bolt copies the root level into its loggers when it is built."""
    stream = io.StringIO()
    handler = log_handler(settings.model_copy(update={"log_format": "json"}))
    handler.setStream(stream)  # type: ignore[attr-defined]
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def test_a_request_logs_json_lines_that_carry_its_id(captured: io.StringIO, bot: RunningBot) -> None:
    bot.reply(COORDINATOR, 'note 3 "Nuorisoneuvosto vieraili palveluissa." year=2025')
    before = len(captured.getvalue())
    # A report is made after the acknowledgement, in Bolt's listener thread; its answer cannot reach
    # Slack (nothing listens at this response_url), which that thread logs.
    body, content_type = slash_command(COORDINATOR, "report 2025 md", f"http://127.0.0.1:{_closed_port()}/")
    response = bot.post(body, content_type)
    assert response.status_code == 200
    request_id = response.headers[REQUEST_ID_HEADER]
    records = [json.loads(line) for line in captured.getvalue()[before:].splitlines()]  # each is JSON
    assert all({"time", "level", "logger", "message"} <= record.keys() for record in records)
    handling = [record for record in records if "request_id" in record]
    assert {record["request_id"] for record in handling} == {request_id}
    # Lines from the request's own thread and from the thread Bolt ran the listener in, after the ack.
    threads = {record["thread"] for record in handling}
    assert any(thread.startswith("bolt-listener") for thread in threads) and len(threads) >= 2
    [unsent] = [record for record in records if "could not be sent" in record["message"]]
    assert unsent["request_id"] == request_id and unsent["level"] == "WARNING"


def test_tokens_secrets_and_email_addresses_never_reach_the_log(settings: Settings) -> None:
    stream = io.StringIO()
    for log_format in ("plain", "json"):
        handler = log_handler(settings.model_copy(update={"log_format": log_format}))
        handler.setStream(stream)  # type: ignore[attr-defined]
        secret = settings.slack_signing_secret
        assert secret is not None
        record = logging.LogRecord(
            "test.redaction",
            logging.WARNING,
            __file__,
            1,
            "token %s, app %s, user xoxp-1-2-3, secret %s, from %s",
            ("xoxb-123-456-abc", "xapp-1-A0-99-ff", secret.get_secret_value(), "Anna.Aalto@hel.fi"),
            None,
        )
        handler.handle(record)
    written = stream.getvalue()
    json.loads(written.splitlines()[1])
    for leak in ("xoxb-123", "xapp-1", "xoxp-1", secret.get_secret_value(), "Anna.Aalto", "hel.fi"):
        assert leak not in written
    assert written.count("***") >= 8  # each of the five, in both formats


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
