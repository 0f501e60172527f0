"""`osallisuus shell`: talk to the bot in a terminal, in the spirit of Errbot's text backend.

The same Bolt app as in production handles each line: it is sent as a signed slash-command request
through Bolt's own request handling, and the bot's Web API calls go to an in-process Slack stand-in,
whose messages are printed. Buttons are pressed by typing their number (`terminal.Shell`).
"""

from __future__ import annotations

import getpass
import secrets
import sys
from collections.abc import Callable
from typing import Any, TextIO

from sqlalchemy import func, select

from bot.app import create_app
from bot.runtime import Runtime, prepare
from config.settings import Settings
from devtools.localslack.server import SlackStandIn
from devtools.localslack.terminal import Shell
from participation.i18n import translator
from participation.outbox.batch import PENDING, SENDING
from participation.storage.models import OutboxItem, utcnow

__all__ = ["USER_ID", "Shell", "run_shell"]

USER_ID = "ULOCAL1"


def run_shell(
    settings: Settings, language: str | None, read: Callable[[str], str] = input, out: TextIO = sys.stdout
) -> None:
    standin = SlackStandIn().start()
    name = getpass.getuser().title() or "Local User"
    locale = {"fi": "fi-FI", "sv": "sv-SE", "en": "en-GB"}.get(language or settings.default_language, "fi-FI")
    standin.add_user(USER_ID, name, locale=locale)
    secret = secrets.token_hex(16)
    local = settings.model_copy(
        update={
            "slack_bot_token": _secret(standin.token),
            "slack_signing_secret": _secret(secret),
            "slack_app_token": None,
            "slack_api_url": standin.api_url,
            "coordinators": (USER_ID,),
        }
    )
    runtime = prepare(local)
    app = create_app(runtime)
    standin.channels.setdefault("CLOCAL", [USER_ID, standin.bot_user_id])
    # The stand-in answers at once; waiting for the first sync lets the first answer know the user.
    runtime.start_directory(app.client).first_sync.wait(timeout=10)
    runtime.start_background(app.client)
    texts = lambda: runtime.invocation(USER_ID)._  # noqa: E731 - the language of the moment
    shell = Shell(app, standin, secret, USER_ID, out, read, texts=texts, settled=lambda: _settled(runtime))
    _ = translator(language or settings.default_language)
    out.write(
        _("Osallisuusbotti shell. Type /osallisuus help, a button's number to press it, or quit.") + "\n"
    )
    try:
        shell.handle("/osallisuus status")
        shell.converse()
    finally:
        runtime.stop_background()
        runtime.stop_directory()
        standin.stop()
        runtime.db.dispose()


def _settled(runtime: Runtime) -> bool:
    """No request still worked on, and no message or file due in the outbox."""
    if not runtime.settle(timeout=0):
        return False
    waiting = OutboxItem.status.in_((PENDING, SENDING)) & (OutboxItem.next_attempt_at <= utcnow())
    with runtime.db.session() as session:
        return not session.scalar(select(func.count()).select_from(OutboxItem).where(waiting))


def _secret(value: str) -> Any:
    from pydantic import SecretStr

    return SecretStr(value)
