"""`manifest.yml` against the code: every Web API method the bot calls has a scope for it, no scope is
asked for that nothing needs, and every event the app subscribes to has a listener.

The methods are found in the source of `bot/`, the only package that may import slack_sdk (see
tests/test_layers.py), and the scopes Slack's documentation lists for each are the local stand-in's table
(devtools/localslack/scopes.py), so that the stand-in refuses what Slack would refuse by the same rule.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from slack_sdk import WebClient

from bot.directory_sync import person_info
from devtools.localslack.scopes import EVENT_SCOPES, MANIFEST, NO_SCOPE, REQUIRED
from tests.support.running import RunningBot

BOT = Path(__file__).resolve().parents[2] / "bot"
BOLT_ITSELF = {"auth.test"}  # Bolt checks the token with it when the app is built
# Methods that take any kind of conversation, and the kinds the bot uses them on: the networks' channels
# (public or private) and the bot's own channels, and direct messages for its posts and their history.
CONVERSATION_KINDS: dict[str, tuple[str, ...]] = {
    "conversations.open": ("im",),
    "conversations.members": ("channels", "groups"),
    "users.conversations": ("channels", "groups"),
    "conversations.history": ("channels", "groups", "im"),
    "conversations.replies": ("channels", "groups", "im"),
}
KINDS = {"channels", "groups", "im", "mpim"}
# Scopes no Web API method of the bot's needs, and why they are asked for.
NOT_FOR_A_METHOD = {
    "commands": "the slash command /osallisuus",
    "users:read.email": "the directory keeps e-mail addresses for meeting invitations",
}


def _manifest() -> dict[str, Any]:
    return dict(yaml.safe_load(MANIFEST.read_text(encoding="utf-8")))


def _granted() -> set[str]:
    return set(_manifest()["oauth_config"]["scopes"]["bot"])


@cache
def _api_methods(name: str) -> frozenset[str]:
    """The Web API methods a WebClient method calls: its `api_call("…")`s and, through other client
    methods it calls (`files_upload_v2` → `files.getUploadURLExternal`, …), theirs."""
    function = getattr(WebClient, name, None)
    if not inspect.isfunction(function):
        return frozenset()
    found: set[str] = set()
    for node in ast.walk(ast.parse(textwrap.dedent(inspect.getsource(function)))):
        named = _api_call(node)
        if named:
            found.add(named)
        elif _self_call(node) and node.func.attr != name:  # type: ignore[attr-defined]
            found |= _api_methods(node.func.attr)  # type: ignore[attr-defined]
    return frozenset(found)


def _self_call(node: ast.AST) -> bool:
    """`self.<method>(…)`, inside a WebClient method."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "self"
    )


def _api_call(node: ast.AST) -> str | None:
    """The method named in `….api_call("method", …)`."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    if node.func.attr != "api_call" or not node.args or not isinstance(node.args[0], ast.Constant):
        return None
    return str(node.args[0].value)


def called_methods(root: Path = BOT) -> set[str]:
    """Every Web API method the code under `root` calls or hands over to be called: a client method
    named (`client.chat_update(…)`, `pages(self.client.users_list, …)`) or `api_call("…")`."""
    found: set[str] = set()
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr != "api_call":
                found |= _api_methods(node.attr)
            named = _api_call(node)
            if named:
                found.add(named)
    return found | BOLT_ITSELF


def _needed(method: str) -> set[str]:
    if method in NO_SCOPE:
        return set()
    assert method in REQUIRED, f"{method}: add the scopes Slack documents for it to localslack/scopes.py"
    accepted = REQUIRED[method]
    if len(accepted) > 1 and all(scope.split(":")[0] in KINDS for scope in accepted):
        assert method in CONVERSATION_KINDS, f"{method}: on which kinds of conversation does the bot use it?"
        return {scope for scope in accepted if scope.split(":")[0] in CONVERSATION_KINDS[method]}
    return {accepted[0]}


def test_the_finder_sees_the_calls_of_the_transport_the_listeners_and_the_directory() -> None:
    found = called_methods()
    assert {"chat.postMessage", "conversations.history", "conversations.replies", "chat.update"} <= found
    assert {"users.list", "conversations.members", "usergroups.users.list", "views.publish"} <= found
    assert {"files.getUploadURLExternal", "files.completeUploadExternal"} <= found  # files_upload_v2


def test_the_manifest_grants_every_scope_the_code_needs() -> None:
    needed = set().union(*(_needed(method) for method in called_methods()))
    assert needed - _granted() == set()
    for event in _manifest()["settings"]["event_subscriptions"]["bot_events"]:
        assert event in EVENT_SCOPES, (
            f"{event}: add the scopes Slack documents for it to localslack/scopes.py"
        )
        assert not EVENT_SCOPES[event] or _granted() & set(EVENT_SCOPES[event]), event


def test_the_manifest_asks_for_nothing_unneeded() -> None:
    manifest = _manifest()
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    used = set().union(*(_needed(method) for method in called_methods()))
    used |= set().union(*(EVENT_SCOPES.get(event, ()) for event in events))
    assert manifest["features"]["slash_commands"]  # what `commands` is for
    assert person_info({"id": "U1", "profile": {"email": "a@example.org"}}).email  # users:read.email
    assert _granted() - used - set(NOT_FOR_A_METHOD) == set()


def _event(kind: str) -> dict[str, Any]:
    """The event as Slack sends it, with as little in it as its listener accepts."""
    if kind in {"user_change", "team_join"}:
        return {"type": kind, "user": {"id": "UEN00001", "locale": "en-US", "profile": {}}}
    if kind == "message.im":  # the subscription's name; Slack sends it as a `message` in an `im`
        return {
            "type": "message",
            "channel_type": "im",
            "user": "UEN00001",
            "channel": "DLOCAL",
            "text": "hi",
        }
    return {"type": kind, "user": "UEN00001", "channel": "CLOCAL", "tab": "messages"}


@pytest.mark.parametrize("kind", _manifest()["settings"]["event_subscriptions"]["bot_events"])
def test_every_subscribed_event_has_a_listener(bot: RunningBot, kind: str) -> None:
    assert bot.event(_event(kind)).status_code == 200


def test_an_event_without_a_listener_would_get_404(bot: RunningBot) -> None:
    """What the test above rules out: Slack would retry such an event again and again."""
    assert bot.event({"type": "reaction_added", "user": "UEN00001"}).status_code == 404
