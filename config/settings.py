"""Settings from the environment and `.env`.

Start-up must fail on one clear line naming the variable, so `load_settings` turns pydantic's
multi-line report into `SettingsError`; secrets are `SecretStr` so they never reach a log or a repr.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from config.blackouts import parse_blackouts

Language = Literal["fi", "sv", "en"]

_SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")
_SLACK_USERGROUP = re.compile(r"^S[A-Z0-9]{2,}$")


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line that names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    database_url: str = "sqlite:///osallisuus.db"
    port: int = Field(default=3000, ge=1, le=65535)
    timezone: str = "Europe/Helsinki"
    default_language: Language = "fi"
    coordinators: Annotated[tuple[str, ...], NoDecode] = ()

    public_url: str | None = None
    # The progress page (`GET /plan`) for anyone, not only through each plan's secret link.
    public_progress_page: bool = False
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_starttls: bool = True
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str | None = None
    meetings_per_year: int = Field(default=4, ge=1, le=12)
    meeting_blackouts: str = "07-01..07-31,12-18..01-06"
    scheduler_grace_seconds: int = Field(default=6 * 3600, ge=60)
    outbox_max_attempts: int = Field(default=6, ge=1, le=50)
    # Replicas (README "Running several replicas"): a claimed outbox item is another replica's to take
    # over once its claim is this old; a replica that is not the leader asks every so often whether it is.
    outbox_lease_seconds: int = Field(default=120, ge=2, le=3600)
    leader_poll_seconds: float = Field(default=5.0, ge=0.1, le=60)
    # Satisfaction polls: sent this long after a meeting ends, reminded once, closed, and shown only
    # with enough answers that no one's answer can be told from the result.
    poll_delay_minutes: int = Field(default=30, ge=0, le=7 * 24 * 60)
    poll_reminder_working_days: int = Field(default=2, ge=1, le=20)
    poll_open_days: int = Field(default=7, ge=1, le=60)
    poll_min_answers: int = Field(default=3, ge=2, le=100)
    poll_comment_max: int = Field(default=1000, ge=50, le=3000)
    deadline_reminder_days: Annotated[tuple[int, ...], NoDecode] = (10, 5, 1)
    # Personal data (README "Personal data"): sent outbox bodies are blanked this many days after sending,
    # people deleted in Slack leave the directory this many days after the bot saw them go, and the audit
    # log names who did what until this many days after the end of the plan period it falls in.
    outbox_retention_days: int = Field(default=30, ge=1, le=3650)
    directory_retention_days: int = Field(default=30, ge=0, le=3650)
    audit_retention_days: int = Field(default=365, ge=0, le=3650)
    # Operation (README "Operation"): the log format, and how long `serve` waits for an unreachable
    # database or Slack at start before it gives up.
    log_format: Literal["plain", "json"] = "plain"
    start_retry_seconds: int = Field(default=60, ge=0, le=3600)

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xoxb-"):
            raise ValueError("must be a bot token starting with xoxb-")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value():
            return None
        if value is not None and not value.get_secret_value().startswith("xapp-"):
            raise ValueError("must be an app-level token starting with xapp-")
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError("must be an http(s) URL")
        return value if value.endswith("/") else value + "/"

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError("must be an http(s) URL")
        return value.rstrip("/")

    @field_validator("smtp_from")
    @classmethod
    def _smtp_from(cls, value: str | None) -> str | None:
        if value is not None and not re.search(r"[^@\s<]+@[^@\s>]+", value):
            raise ValueError("must be an e-mail address, optionally with a name: Name <address@example.org>")
        return value

    @field_validator("meeting_blackouts")
    @classmethod
    def _blackouts(cls, value: str) -> str:
        parse_blackouts(value)  # a BlackoutError is a ValueError: it names the bad part
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("coordinators", mode="before")
    @classmethod
    def _coordinators(cls, value: object) -> tuple[str, ...]:
        items = value.replace(";", ",").split(",") if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            raise ValueError("must be a comma-separated list of Slack user or user group ids")
        ids = tuple(str(item).strip() for item in items if str(item).strip())
        for item in ids:
            if not (_SLACK_USER.match(item) or _SLACK_USERGROUP.match(item)):
                raise ValueError(f"{item!r} is not a Slack user id (U…) or user group id (S…)")
        return ids

    @field_validator("deadline_reminder_days", mode="before")
    @classmethod
    def _reminder_days(cls, value: object) -> tuple[int, ...]:
        """`10,5,1`: working days before a reporting deadline; kept largest first, each once."""
        items = value.replace(";", ",").split(",") if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            raise ValueError("must be a comma-separated list of working days, such as 10,5,1")
        days: set[int] = set()
        for item in items:
            text = str(item).strip()
            if not text:
                continue
            if not text.isdigit() or not 1 <= int(text) <= 60:
                raise ValueError(f"{text!r} is not a number of working days from 1 to 60")
            days.add(int(text))
        return tuple(sorted(days, reverse=True))

    def require_slack(self) -> tuple[str, str]:
        """The bot token and signing secret, which talking to Slack needs and local commands do not."""
        for variable, value in (
            ("SLACK_BOT_TOKEN", self.slack_bot_token),
            ("SLACK_SIGNING_SECRET", self.slack_signing_secret),
        ):
            if value is None or not value.get_secret_value():
                raise SettingsError(f"{variable} is not set")
        assert self.slack_bot_token is not None and self.slack_signing_secret is not None
        return self.slack_bot_token.get_secret_value(), self.slack_signing_secret.get_secret_value()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def coordinator_users(self) -> frozenset[str]:
        return frozenset(item for item in self.coordinators if not item.startswith("S"))

    @property
    def coordinator_groups(self) -> frozenset[str]:
        return frozenset(item for item in self.coordinators if item.startswith("S"))


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning a validation failure into one line that names the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        first = error.errors()[0]
        variable = str(first["loc"][0]).upper() if first["loc"] else "settings"
        reason = first["msg"].removeprefix("Value error, ")
        message = (
            f"{variable} is not set" if first["type"] == "missing" else f"{variable} is invalid: {reason}"
        )
        raise SettingsError(message) from None
