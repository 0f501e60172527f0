"""Benchmarks: how long the bot's hot paths take and how much memory they use, on this machine.

    python -m bench.run [--rounds 20] [--items 500]

- status: build `/osallisuus status 2` for the full 2023–2025 plan with a confirmation history on every
  indicator (five corrections each, three years), then render it as Block Kit.
- outbox: enqueue N Slack messages and dispatch them to the local Slack stand-in over HTTP.

Each prints the median and the slowest round in milliseconds and the peak memory traced by tracemalloc.
Numbers are for comparing a change against main on the same machine, never for assertions in tests.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from slack_sdk import WebClient

from bot.blocks import render
from bot.transport import SlackTransport
from commands.status import priority_reply
from config.settings import load_settings
from devtools.localslack.server import SlackStandIn
from participation.dashboard import build_status
from participation.i18n import translator
from participation.messages import notice
from participation.outbox.dispatcher import Dispatcher
from participation.outbox.items import Kind, enqueue, fixed_reply
from participation.plan.importer import load_bundled_plans
from participation.storage.db import Database
from participation.storage.models import Confirmation, IndicatorRecord, utcnow


def measure(name: str, rounds: int, work: Callable[[], object]) -> None:
    times = []
    tracemalloc.start()
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{name:8} median {statistics.median(times):8.1f} ms   slowest {max(times):8.1f} ms   "
        f"peak {peak / 1024 / 1024:6.1f} MiB   ({rounds} rounds)"
    )


def status_bench(folder: Path, rounds: int) -> None:
    db = Database(f"sqlite:///{folder}/status.db")
    db.upgrade()
    with db.session() as session:
        load_bundled_plans(session)
        for indicator in session.query(IndicatorRecord):
            for year in (2023, 2024, 2025):
                for n in range(5):
                    session.add(
                        Confirmation(
                            indicator_id=indicator.id,
                            year=year,
                            value_bool=n % 2 == 0,
                            value_number=60.0 + n,
                            evidence="x" * 200,
                            confirmed_by="UBENCH",
                        )
                    )
    zone = ZoneInfo("Europe/Helsinki")

    def work() -> object:
        with db.session() as session:
            view = build_status(session, "fi", utcnow(), zone, 2025)
        return render(priority_reply(view, view.priorities[1], translator("fi")), translator("fi"))

    measure("status", rounds, work)
    db.dispose()


def outbox_bench(folder: Path, items: int) -> None:
    standin = SlackStandIn(token="xoxb-bench").start()
    settings = load_settings(
        _env_file=None,
        slack_bot_token=standin.token,
        slack_signing_secret="bench",
        slack_api_url=standin.api_url,
        database_url=f"sqlite:///{folder}/outbox.db",
    )
    db = Database(settings.database_url)
    db.upgrade()
    dispatcher = Dispatcher(
        db, SlackTransport(WebClient(token=standin.token, base_url=standin.api_url)), settings
    )
    batch = iter(range(10**9))

    def work() -> object:
        first = next(batch) * items
        with db.session() as session:
            for n in range(first, first + items):
                enqueue(session, f"bench:{n}", Kind.MESSAGE, fixed_reply("CBENCH", notice(f"message {n}")))
        sent = 0
        while (count := dispatcher.run_once(limit=100)) > 0:
            sent += count
        return sent

    measure("outbox", 3, work)
    print(f"         ({items} messages a round)")
    standin.stop()
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--items", type=int, default=300)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        status_bench(Path(folder), options.rounds)
        outbox_bench(Path(folder), options.items)


if __name__ == "__main__":
    main()
