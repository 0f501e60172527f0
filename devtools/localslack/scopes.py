"""Who may call what: the bot token, the scopes granted to it, and what Slack hides without a scope.

By default the token has the scopes the app's `manifest.yml` asks for, so a method the bot calls without
asking for its scope fails here as it would in Slack, not first in production.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path

import yaml

from devtools.localslack.wire import Json

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"
EMAIL_SCOPE = "users:read.email"

_READ = ("channels:read", "groups:read", "im:read", "mpim:read")
_HISTORY = ("channels:history", "groups:history", "im:history", "mpim:history")

# The methods the bot uses and the bot scopes Slack's documentation lists for each (any one will do, for
# its kind of conversation); the first is the one Slack names as `needed`. NO_SCOPE need none.
# tests/bot/test_manifest.py checks manifest.yml against these and the methods the code calls.
REQUIRED: dict[str, tuple[str, ...]] = {
    "chat.postMessage": ("chat:write",),
    "chat.postEphemeral": ("chat:write",),
    "chat.update": ("chat:write",),
    "chat.delete": ("chat:write",),
    "conversations.open": ("im:write", "mpim:write", "channels:manage", "groups:write"),
    "conversations.members": _READ,
    "conversations.info": _READ,
    "conversations.history": _HISTORY,
    "conversations.replies": _HISTORY,
    "users.info": ("users:read",),
    "users.list": ("users:read",),
    "users.conversations": _READ,
    "usergroups.users.list": ("usergroups:read",),
    "usergroups.list": ("usergroups:read",),
    "files.getUploadURLExternal": ("files:write",),
    "files.completeUploadExternal": ("files:write",),
    "files.info": ("files:read",),
}
NO_SCOPE = frozenset({"auth.test", "views.open", "views.update", "views.publish", "views.push"})

# The bot events and the scopes Slack's documentation lists for receiving each (any one will do).
EVENT_SCOPES: dict[str, tuple[str, ...]] = {
    "app_home_opened": (),
    "member_joined_channel": ("channels:read", "groups:read"),
    "member_left_channel": ("channels:read", "groups:read"),
    "user_change": ("users:read",),
    "team_join": ("users:read",),
    "message.im": ("im:history",),
}


@cache
def manifest_scopes(path: Path = MANIFEST) -> frozenset[str]:
    """The bot scopes the app's manifest asks for (`oauth_config.scopes.bot`)."""
    manifest = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    scopes = ((manifest.get("oauth_config") or {}).get("scopes") or {}).get("bot") or []
    return frozenset(str(scope) for scope in scopes)


def auth_error(token: str | None, expected: str) -> Json | None:
    """Slack's answer to a request without the right token: `not_authed` when none, else `invalid_auth`."""
    if not token:
        return {"ok": False, "error": "not_authed"}
    if token != expected:
        return {"ok": False, "error": "invalid_auth"}
    return None


def scope_error(method: str, granted: frozenset[str] | set[str]) -> Json | None:
    """`missing_scope` with what was needed and what the token has, when none of the accepted is granted."""
    accepted = REQUIRED.get(method, ())
    if not accepted or granted.intersection(accepted):
        return None
    return {
        "ok": False,
        "error": "missing_scope",
        "needed": ",".join(accepted) if len(accepted) > 1 else accepted[0],
        "provided": ",".join(sorted(granted)),
    }


def without_emails(answer: Json, granted: frozenset[str] | set[str]) -> Json:
    """The answer as Slack gives it without `users:read.email`: no `profile.email` on any user in it."""
    if EMAIL_SCOPE in granted:
        return answer
    users = [answer["user"]] if isinstance(answer.get("user"), dict) else []
    users += [member for member in answer.get("members") or [] if isinstance(member, dict)]
    if not any("email" in (user.get("profile") or {}) for user in users):
        return answer
    answer = copy.deepcopy(answer)
    for user in [answer.get("user"), *(answer.get("members") or [])]:
        if isinstance(user, dict) and isinstance(user.get("profile"), dict):
            user["profile"].pop("email", None)
    return answer
