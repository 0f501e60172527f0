"""Logging that cannot leak a secret: every record is scrubbed of the configured tokens before output."""

from __future__ import annotations

import logging
import re

from config.settings import Settings

_TOKEN = re.compile(r"xox[abpr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+")


class RedactSecrets(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [secret for secret in secrets if secret]

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        for secret in self._secrets:
            text = text.replace(secret, "***")
        record.msg, record.args = _TOKEN.sub("***", text), None
        return True


def secrets_of(settings: Settings) -> list[str]:
    values = [
        settings.slack_bot_token,
        settings.slack_signing_secret,
        settings.slack_app_token,
        settings.smtp_password,
    ]
    found = [value.get_secret_value() for value in values if value is not None]
    password = re.search(r"://[^:/@]+:([^@]+)@", settings.database_url)
    if password:
        found.append(password.group(1))
    return found


def configure_logging(settings: Settings, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets_of(settings)))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
