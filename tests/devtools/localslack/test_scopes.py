"""The bot token and its scopes, checked as Slack checks them."""

from __future__ import annotations

import pytest
import yaml
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from devtools.localslack.scopes import MANIFEST
from devtools.localslack.server import SlackStandIn


def _error(call: object) -> dict[str, object]:
    assert isinstance(call, SlackApiError)
    return dict(call.response.data)  # type: ignore[arg-type]


def test_the_token_has_the_scopes_the_manifest_asks_for(slack: SlackStandIn) -> None:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert slack.scopes == set(manifest["oauth_config"]["scopes"]["bot"])


def test_a_method_without_its_scope_says_what_was_needed_and_what_was_provided(
    slack: SlackStandIn, client: WebClient
) -> None:
    slack.scopes = {"users:read", "commands"}
    with pytest.raises(SlackApiError) as refused:
        client.chat_postMessage(channel="CLOCAL", text="hello")
    assert _error(refused.value) == {
        "ok": False,
        "error": "missing_scope",
        "needed": "chat:write",
        "provided": "commands,users:read",
    }
    assert slack.messages("CLOCAL") == []
    assert [r.error for r in slack.refusals] == ["missing_scope"]


@pytest.mark.parametrize(
    ("method", "arguments", "scope"),
    [
        ("conversations_open", {"users": "UAINO001"}, "im:write"),
        ("conversations_members", {"channel": "CLOCAL"}, "groups:read"),
        ("users_info", {"user": "UAINO001"}, "users:read"),
        ("usergroups_users_list", {"usergroup": "S1"}, "usergroups:read"),
        ("files_getUploadURLExternal", {"filename": "a.ics", "length": 3}, "files:write"),
    ],
)
def test_each_method_the_bot_uses_needs_its_scope(
    slack: SlackStandIn, client: WebClient, method: str, arguments: dict[str, object], scope: str
) -> None:
    slack.scopes = {"chat:write"}
    with pytest.raises(SlackApiError) as refused:
        getattr(client, method)(**arguments)
    assert _error(refused.value)["error"] == "missing_scope"
    slack.scopes = {scope}
    slack.usergroups["S1"] = []
    assert getattr(client, method)(**arguments)["ok"]


def test_any_history_scope_reads_a_conversations_history(slack: SlackStandIn, client: WebClient) -> None:
    slack.scopes = {"users:read"}
    with pytest.raises(SlackApiError) as refused:
        client.conversations_history(channel="DUAINO001")
    assert _error(refused.value)["needed"] == "channels:history,groups:history,im:history,mpim:history"
    slack.scopes = {"im:history"}
    assert client.conversations_history(channel="DUAINO001")["ok"]


def test_views_and_auth_test_need_no_scope(slack: SlackStandIn, client: WebClient) -> None:
    slack.scopes = set()
    assert client.auth_test()["user_id"] == slack.bot_user_id
    home = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]}
    assert client.views_publish(user_id="UAINO001", view=home)["ok"]


def test_without_the_email_scope_a_profile_has_no_email(slack: SlackStandIn, client: WebClient) -> None:
    assert client.users_info(user="UAINO001")["user"]["profile"]["email"] == "aino@example.org"
    slack.scopes.discard("users:read.email")
    profile = client.users_info(user="UAINO001")["user"]["profile"]
    assert "email" not in profile and profile["real_name"] == "Aino Virtanen"
    assert slack.users["UAINO001"]["profile"]["email"] == "aino@example.org"


@pytest.mark.parametrize(("token", "error"), [("xoxb-someone-else", "invalid_auth"), ("", "not_authed")])
def test_a_wrong_or_missing_token(slack: SlackStandIn, token: str, error: str) -> None:
    client = WebClient(token=token or None, base_url=slack.api_url)
    with pytest.raises(SlackApiError) as refused:
        client.auth_test()
    assert _error(refused.value) == {"ok": False, "error": error}
