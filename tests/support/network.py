"""The linked network channels most meeting tests start from, and a way to run the outbox once."""

from __future__ import annotations

from bot.app import web_client
from bot.transport import SlackTransport
from participation.notices import compose
from participation.outbox.dispatcher import Dispatcher
from tests.support.running import RunningBot

CHANNEL = "CNETWORK1"
OTHER_CHANNEL = "CCUSTEXP1"
MEMBERS = ["UFI00001", "USV00001", "UEN00001", "UCOORD01"]


def deliver(bot: RunningBot) -> int:
    """Run the outbox dispatcher once, as the scheduler does every few seconds."""
    runtime = bot.runtime
    transport = SlackTransport(web_client(runtime))
    return Dispatcher(runtime.db, transport, runtime.settings, now=runtime.now, compose=compose).run_once()
