"""Rate limits as Slack's (off unless a test asks), and a latency on every answer."""

from __future__ import annotations

import time

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from devtools.localslack.server import SlackStandIn


def _rate_limited(call: object) -> tuple[int, str, object]:
    assert isinstance(call, SlackApiError)
    response = call.response
    return response.status_code, response["error"], response.headers.get("Retry-After")


class _Clock:
    """The rate limits' clock, moved by hand so that a slow machine cannot earn calls back."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(slack: SlackStandIn) -> _Clock:
    clock = _Clock()
    slack.rate_limits.clock = clock
    return clock


def test_no_rate_limits_unless_a_test_asks(client: WebClient) -> None:
    for _ in range(60):
        client.users_info(user="UAINO001")


def test_over_a_methods_limit_is_429_with_retry_after(
    slack: SlackStandIn, client: WebClient, clock: _Clock
) -> None:
    slack.rate_limit("users.info", calls=2, per_seconds=60)
    client.users_info(user="UAINO001")
    client.users_info(user="UAINO001")
    with pytest.raises(SlackApiError) as refused:
        client.users_info(user="UAINO001")
    assert _rate_limited(refused.value) == (429, "ratelimited", "30")
    assert client.conversations_members(channel="CLOCAL")["ok"]
    assert [call.method for call in slack.calls][-2:] == ["users.info", "conversations.members"]


def test_slacks_tiers_scaled_down_in_time(slack: SlackStandIn, client: WebClient, clock: _Clock) -> None:
    slack.enforce_rate_limits(scale=0.05)  # a minute lasts three seconds
    for _ in range(20):
        client.conversations_members(channel="CLOCAL")
    with pytest.raises(SlackApiError) as refused:
        client.conversations_members(channel="CLOCAL")
    assert _rate_limited(refused.value) == (429, "ratelimited", "1")
    for _ in range(50):
        client.users_info(user="UAINO001")
    with pytest.raises(SlackApiError):
        client.users_info(user="UAINO001")
    clock.now += 3 / 20  # one Tier 2 call earned back
    assert client.conversations_members(channel="CLOCAL")["ok"]
    with pytest.raises(SlackApiError):
        client.conversations_members(channel="CLOCAL")


def test_posting_is_limited_per_channel_after_a_short_burst(
    slack: SlackStandIn, client: WebClient, clock: _Clock
) -> None:
    slack.enforce_rate_limits()
    for n in range(3):
        client.chat_postMessage(channel="CLOCAL", text=f"burst {n}")
    with pytest.raises(SlackApiError) as refused:
        client.chat_postMessage(channel="CLOCAL", text="one too many")
    assert _rate_limited(refused.value) == (429, "ratelimited", "1")
    assert client.chat_postMessage(channel="DUAINO001", text="another channel")["ok"]
    clock.now += 1
    assert client.chat_postMessage(channel="CLOCAL", text="a second later")["ok"]
    posted = [m["text"] for m in slack.messages("CLOCAL")]
    assert posted == ["burst 0", "burst 1", "burst 2", "a second later"]


def test_latency_slows_every_answer_but_the_request_is_carried_out(
    slack: SlackStandIn, client: WebClient
) -> None:
    slack.slow(0.5)
    started = time.monotonic()
    client.chat_postMessage(channel="CLOCAL", text="slowly")
    WebhookClient(slack.response_url()).send(text="slowly too")
    assert time.monotonic() - started >= 1.0
    assert [m["text"] for m in slack.messages("CLOCAL")] == ["slowly"]
    assert slack.calls_to("response_url")[0].args["text"] == "slowly too"
    slack.latency = 0
    started = time.monotonic()
    client.auth_test()
    assert time.monotonic() - started < 0.5


def test_a_timed_out_client_leaves_the_message_posted(slack: SlackStandIn) -> None:
    slack.latency = 0.6
    impatient = WebClient(token="xoxb-strict-test", base_url=slack.api_url, timeout=0.2)
    with pytest.raises(TimeoutError):
        impatient.chat_postMessage(channel="CLOCAL", text="did it go?")
    slack.wait_for("chat.postMessage")
    assert [m["text"] for m in slack.messages("CLOCAL")] == ["did it go?"]
