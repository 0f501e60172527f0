"""Requests Slack did not sign, or signed too long ago, are refused and change nothing."""

from __future__ import annotations

import time

from devtools.localslack.payloads import signed_headers, slash_command
from participation.storage.models import UserPreference
from tests.support.running import RunningBot


def _nothing_changed(bot: RunningBot) -> None:
    with bot.runtime.db.session() as session:
        assert session.get(UserPreference, "UEN00001") is None
    assert bot.standin.calls_to("users.info") == []


def test_a_forged_signature_gets_401(bot: RunningBot) -> None:
    body, content_type = slash_command("UEN00001", "lang sv", bot.standin.response_url())
    forged = signed_headers("not-the-signing-secret", body)
    response = bot.post(body, content_type, headers=forged)
    assert response.status_code == 401
    _nothing_changed(bot)


def test_a_request_signed_more_than_five_minutes_ago_gets_401(bot: RunningBot) -> None:
    body, content_type = slash_command("UEN00001", "lang sv", bot.standin.response_url())
    stale = signed_headers(bot.secret, body, timestamp=int(time.time()) - 6 * 60)
    assert bot.post(body, content_type, headers=stale).status_code == 401
    _nothing_changed(bot)


def test_a_body_changed_after_signing_gets_401(bot: RunningBot) -> None:
    body, content_type = slash_command("UEN00001", "status", bot.standin.response_url())
    headers = signed_headers(bot.secret, body)
    tampered = body.replace("status", "lang+sv")
    assert bot.post(tampered, content_type, headers=headers).status_code == 401
    _nothing_changed(bot)


def test_no_signature_at_all_gets_401(bot: RunningBot) -> None:
    body, content_type = slash_command("UEN00001", "lang sv", bot.standin.response_url())
    assert (
        bot.post(body, content_type, headers={"X-Slack-Request-Timestamp": str(int(time.time()))}).status_code
        == 401
    )
    _nothing_changed(bot)
