"""The benchmark's floor answers like Slack's minimal app: the signed command gets its ephemeral answer in
the acknowledgement, and a request with a wrong signature is refused, as the bot refuses it."""

from __future__ import annotations

from devtools.bench.baseline import create_baseline
from devtools.localslack.payloads import signed_headers, slash_command
from devtools.localslack.server import SlackStandIn


def test_the_baseline_answers_a_signed_command_in_its_ack_and_refuses_a_forged_one() -> None:
    standin = SlackStandIn().start()
    try:
        client = create_baseline("secret", standin.token, standin.api_url).test_client()
        body, content_type = slash_command("U1", "status", standin.response_url())
        plain = {"Content-Type": content_type}
        answer = client.post("/slack/events", data=body, headers={**plain, **signed_headers("secret", body)})
        forged = client.post("/slack/events", data=body, headers={**plain, **signed_headers("wrong", body)})
    finally:
        standin.stop()
    assert answer.status_code == 200
    assert answer.json is not None and answer.json["response_type"] == "ephemeral"
    assert answer.json["blocks"]
    assert forged.status_code == 401
