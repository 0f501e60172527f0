"""Settings: defaults for a new install, one clear line for a bad value, and no secret in any log."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from config.logs import RedactSecrets, secrets_of
from config.settings import SettingsError, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for variable in list(os.environ):
        if variable.startswith(
            ("SLACK_", "DATABASE_URL", "COORDINATORS", "DEFAULT_LANGUAGE", "TIMEZONE", "PORT")
        ):
            monkeypatch.delenv(variable)
    monkeypatch.chdir(tmp_path)


def test_defaults() -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite:///osallisuus.db"
    assert (settings.timezone, settings.default_language, settings.port) == ("Europe/Helsinki", "fi", 3000)
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.slack_app_token is None


def test_values_come_from_the_environment_and_dot_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text("DEFAULT_LANGUAGE=sv\nCOORDINATORS=U01ABC, S02GROUP\n", encoding="utf-8")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9999/api")
    settings = load_settings()
    assert settings.default_language == "sv"
    assert settings.coordinator_users == {"U01ABC"} and settings.coordinator_groups == {"S02GROUP"}
    assert settings.slack_api_url == "http://127.0.0.1:9999/api/"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "PORT",
            "eighty",
            "PORT is invalid: Input should be a valid integer, unable to parse string as an integer",
        ),
        ("PORT", "70000", "PORT is invalid: Input should be less than or equal to 65535"),
        ("TIMEZONE", "Europe/Turku", "TIMEZONE is invalid: unknown time zone 'Europe/Turku'"),
        ("DEFAULT_LANGUAGE", "de", "DEFAULT_LANGUAGE is invalid: Input should be 'fi', 'sv' or 'en'"),
        (
            "COORDINATORS",
            "kaisa",
            "COORDINATORS is invalid: 'kaisa' is not a Slack user id (U…) or user group id (S…)",
        ),
        (
            "SLACK_BOT_TOKEN",
            "xoxp-user-token",
            "SLACK_BOT_TOKEN is invalid: must be a bot token starting with xoxb-",
        ),
        (
            "SLACK_APP_TOKEN",
            "xoxb-wrong",
            "SLACK_APP_TOKEN is invalid: must be an app-level token starting with xapp-",
        ),
        ("SLACK_API_URL", "slack.com", "SLACK_API_URL is invalid: must be an http(s) URL"),
    ],
)
def test_a_malformed_setting_is_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_serving_needs_the_token_and_the_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SettingsError, match=r"^SLACK_BOT_TOKEN is not set$"):
        load_settings().require_slack()
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    with pytest.raises(SettingsError, match=r"^SLACK_SIGNING_SECRET is not set$"):
        load_settings().require_slack()


def test_secrets_do_not_show_in_repr_or_logs(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-very-secret-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "signing-secret-2")
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:db-password-3@db/osallisuus")
    settings = load_settings()
    assert "xoxb-very-secret-1" not in repr(settings) and "signing-secret-2" not in repr(settings)
    logger = logging.getLogger("test.redaction")
    caplog.handler.addFilter(RedactSecrets(secrets_of(settings)))
    with caplog.at_level(logging.INFO, logger="test.redaction"):
        logger.info(
            "token %s secret %s url %s other xoxb-unknown-4",
            "xoxb-very-secret-1",
            "signing-secret-2",
            settings.database_url,
        )
    logged = caplog.text
    for secret in ("xoxb-very-secret-1", "signing-secret-2", "db-password-3", "xoxb-unknown-4"):
        assert secret not in logged
    assert logged.count("***") == 4
