"""One replica as `osallisuus serve` runs it, minus the HTTP front: the runtime, the directory left alone,
and the Background (outbox sending; the scheduler while it leads), for tests that run several at once and
kill one with SIGKILL. Settings come from the environment, as in `serve`; logs go to stdout, one a line.

    python -m tests.support.replica
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from pathlib import Path

from bot.app import web_client
from bot.runtime import prepare
from config.settings import load_settings
from tests.conftest import BOT_TOKEN, SIGNING_SECRET

ROOT = Path(__file__).resolve().parents[2]


def environment(database_url: str, api_url: str, **settings: str) -> dict[str, str]:
    """What a process of the bot started by a test sees: this checkout, the test's database and Slack
    stand-in, and `settings` (by their environment names); nothing of the caller's Slack or database."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    return {
        **kept,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": api_url,
        **settings,
    }


def main() -> None:
    logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(name)s %(message)s", force=True)
    runtime = prepare(load_settings())
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    runtime.start_background(web_client(runtime))
    print("replica started", flush=True)
    while not stopping.wait(0.5):
        pass
    runtime.stop_background()
    runtime.db.dispose()


if __name__ == "__main__":
    main()
