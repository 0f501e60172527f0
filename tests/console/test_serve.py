"""`osallisuus serve` as an operator starts it: gunicorn, a fresh database, Slack at the stand-in."""

from __future__ import annotations

import json
import time

import requests

from devtools.localslack.payloads import signed_headers, slash_command
from devtools.localslack.server import SlackStandIn
from tests.support.serving import free_port, start_serve


def test_serve_migrates_loads_the_plan_and_answers(
    empty_database_url: str, standin: SlackStandIn, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    standin.token = "xoxb-serve"  # the only token the stand-in accepts, as Slack accepts only the app's
    env = {
        "SLACK_BOT_TOKEN": "xoxb-serve",
        "SLACK_SIGNING_SECRET": "serve-secret",
        "SLACK_API_URL": standin.api_url,
        "DATABASE_URL": empty_database_url,
        "PORT": str(port),
        "LOG_FORMAT": "json",
        # The person's Slack locale is known once the directory's first sync is done, which runs beside
        # serving: English either way, whichever comes first.
        "DEFAULT_LANGUAGE": "en",
    }
    process = start_serve(env, tmp_path)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                if requests.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                # Refused before gunicorn listens; held unanswered while its worker is still booting.
                time.sleep(0.1)
        else:
            raise AssertionError("serve never became healthy")
        body, content_type = slash_command("UEN00001", "status", standin.response_url())
        headers = {"Content-Type": content_type, **signed_headers("serve-secret", body)}
        answer = requests.post(f"{base}/slack/events", data=body, headers=headers, timeout=10)
        assert answer.status_code == 200
        assert answer.json()["blocks"][0]["text"]["text"].startswith("Participation Plan for 2023–2025")
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
    assert "xoxb-serve" not in output and "serve-secret" not in output
    # gunicorn's lines and the bot's alike: one JSON object each; the access line has the request's id.
    records = [json.loads(line) for line in output.splitlines()]
    assert {"gunicorn.error", "gunicorn.access", "bot.server"} <= {record["logger"] for record in records}
    [access] = [record for record in records if "POST /slack/events" in record["message"]]
    assert access["request_id"] == answer.headers["X-Request-Id"]
    assert process.returncode == 0
