"""Block Kit refused as Slack refuses it: in messages, response_url posts and views."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from devtools.localslack.server import SlackStandIn


def _section(text: str, **more: Any) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **more}


def _button(action_id: str, label: str = "OK", value: str = "v") -> dict[str, Any]:
    text = {"type": "plain_text", "text": label}
    return {"type": "button", "text": text, "action_id": action_id, "value": value}


def _refused(client: WebClient, **arguments: Any) -> dict[str, Any]:
    with pytest.raises(SlackApiError) as refused:
        client.chat_postMessage(channel="CLOCAL", **arguments)
    return dict(refused.value.response.data)  # type: ignore[arg-type]


def test_an_action_id_twice_in_one_block(slack: SlackStandIn, client: WebClient) -> None:
    twice = {"type": "actions", "elements": [_button("rsvp"), _button("rsvp")]}
    answer = _refused(client, text="t", blocks=[twice])
    assert answer["error"] == "invalid_blocks"
    assert answer["response_metadata"]["messages"] == [
        "[ERROR] action_id must be unique within a block [json-pointer:/blocks/0/elements/1/action_id]"
    ]
    assert slack.messages("CLOCAL") == []


def test_the_same_action_id_in_two_blocks_is_fine(slack: SlackStandIn, client: WebClient) -> None:
    blocks = [_section("a", accessory=_button("open")), _section("b", accessory=_button("open"))]
    assert client.chat_postMessage(channel="CLOCAL", text="t", blocks=blocks)["ok"]
    assert len(slack.messages("CLOCAL")) == 1


def test_a_block_id_twice_in_one_message(client: WebClient) -> None:
    blocks = [_section("a", block_id="x"), _section("b", block_id="x")]
    messages = _refused(client, text="t", blocks=blocks)["response_metadata"]["messages"]
    assert messages == ["[ERROR] block_id must be unique within a message [json-pointer:/blocks/1/block_id]"]


@pytest.mark.parametrize(
    ("block", "pointer", "limit"),
    [
        (_section("s" * 3001), "/blocks/0/text/text", 3001),
        ({"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}, "/blocks/0/text/text", 151),
        (_section("s", accessory=_button("a", label="b" * 76)), "/blocks/0/accessory/text/text", 76),
        (_section("s", accessory=_button("a", value="v" * 2001)), "/blocks/0/accessory/value", 2001),
    ],
)
def test_texts_over_slacks_limits(client: WebClient, block: dict[str, Any], pointer: str, limit: int) -> None:
    answer = _refused(client, text="t", blocks=[block])
    assert answer["error"] == "invalid_blocks"
    assert answer["response_metadata"]["messages"] == [
        f"[ERROR] must be less than {limit} characters [json-pointer:{pointer}]"
    ]


def test_at_most_fifty_blocks_in_a_message(client: WebClient) -> None:
    assert client.chat_postMessage(channel="CLOCAL", text="t", blocks=[{"type": "divider"}] * 50)["ok"]
    answer = _refused(client, text="t", blocks=[{"type": "divider"}] * 51)
    assert answer["response_metadata"]["messages"] == [
        "[ERROR] no more than 50 items allowed [json-pointer:/blocks]"
    ]


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_a_message_needs_text_or_blocks(client: WebClient) -> None:
    assert _refused(client) == {"ok": False, "error": "no_text"}


def test_chat_update_is_checked_too(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as refused:
        client.chat_update(channel="CLOCAL", ts="1.0", text="t", blocks=[_section("")])
    assert refused.value.response["error"] == "invalid_blocks"


def test_a_response_url_post_with_bad_blocks_gets_400(slack: SlackStandIn) -> None:
    webhook = WebhookClient(slack.response_url())
    twice = {"type": "actions", "elements": [_button("a"), _button("a")]}
    refused = webhook.send(text="t", blocks=[twice])
    assert (refused.status_code, refused.body) == (400, "invalid_blocks")
    assert webhook.send(text="t", blocks=[_section("fine")]).status_code == 200
    assert webhook.send(delete_original=True).status_code == 200
    assert [r.call.method for r in slack.refusals] == ["response_url"]


def _modal(**more: Any) -> dict[str, Any]:
    field = {
        "type": "input",
        "block_id": "date",
        "label": {"type": "plain_text", "text": "Date"},
        "element": {"type": "datepicker", "action_id": "value"},
    }
    view = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "New meeting"},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": [field],
    }
    return view | more


def _view_refused(client: WebClient, view: dict[str, Any]) -> list[str]:
    with pytest.raises(SlackApiError) as refused:
        client.views_open(trigger_id="1.trigger", view=view)
    assert refused.value.response["error"] == "invalid_arguments"
    messages: list[str] = refused.value.response["response_metadata"]["messages"]
    return messages


def test_a_valid_modal_opens(client: WebClient) -> None:
    assert client.views_open(trigger_id="1.trigger", view=_modal())["view"]["id"]


def test_a_modal_needs_a_short_title_and_labelled_inputs(client: WebClient) -> None:
    long_title = {"type": "plain_text", "text": "t" * 25}
    assert _view_refused(client, _modal(title=long_title)) == [
        "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"
    ]
    untitled = _modal()
    del untitled["title"]
    assert _view_refused(client, untitled) == [
        "[ERROR] missing required field: title [json-pointer:/view/title]"
    ]
    unlabelled = _modal()
    del unlabelled["blocks"][0]["label"]
    assert _view_refused(client, unlabelled) == [
        "[ERROR] missing required field: label [json-pointer:/view/blocks/0/label]"
    ]
    assert _view_refused(client, {"blocks": []}) == [
        "[ERROR] missing required field: type [json-pointer:/view/type]"
    ]


def test_at_most_a_hundred_blocks_in_a_view(client: WebClient) -> None:
    home = {"type": "home", "blocks": [{"type": "divider"}] * 100}
    assert client.views_publish(user_id="UAINO001", view=home)["ok"]
    with pytest.raises(SlackApiError) as refused:
        client.views_publish(user_id="UAINO001", view=home | {"blocks": [{"type": "divider"}] * 101})
    assert refused.value.response["response_metadata"]["messages"] == [
        "[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]"
    ]
