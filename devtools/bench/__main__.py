"""`./dev bench`: the bot against a bare Bolt app, on SQLite and PostgreSQL, in one run; one table.

    python -m devtools.bench [--requests 500] [--years 1,5,10] [--dms 1000] [--starts 3] [--no-postgres]

Everything is on this machine and on loopback: the bot and the baseline app (`baseline.py`) each on a
threaded werkzeug server in this process, the local Slack stand-in (in its own process for the dispatch,
which measures the bot's side alone), a throwaway PostgreSQL (skipped with a note when its server
binaries are absent), and `osallisuus serve` started as a separate process for
the cold start and the memory. Every loop is bounded in count and time. Figures are for comparing on the
same machine; tests never assert them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import tempfile
import time
from pathlib import Path

from config.settings import Settings, load_settings
from devtools.bench.baseline import create_baseline
from devtools.bench.clicks import CONCURRENCY, PEOPLE, add_people, clicks
from devtools.bench.databases import Backend, backends
from devtools.bench.history import make_history
from devtools.bench.jobs import reminders_and_dispatch
from devtools.bench.load import Burst, burst
from devtools.bench.process import cold_start
from devtools.bench.reports import report_seconds
from devtools.bench.serving import bot, served, statements_per_command
from devtools.bench.table import Table
from devtools.localslack.process import RemoteStandIn, standin_process
from devtools.localslack.server import SlackStandIn

SECRET = "bench-signing-secret"  # noqa: S105 - made up, for signing requests on loopback only
COMMANDS = ("status", "status 2")
WARM_UP = 5


def main() -> None:
    options = _options()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request to the servers here
    started = time.perf_counter()
    standin = SlackStandIn(token="xoxb-bench").start()
    for number in range(50):
        standin.add_user(f"UBENCH{number:02d}", f"Bench {number}")
    add_people(standin)
    table = Table()
    try:
        with (
            tempfile.TemporaryDirectory(prefix="osallisuus-bench-") as folder,
            backends(Path(folder), options.postgres) as found,
            served(create_baseline(SECRET, standin.token, standin.api_url)) as baseline_url,
        ):
            if len(found) == 1:
                why = (
                    "no server binaries (initdb, pg_ctl) on this machine"
                    if options.postgres
                    else "--no-postgres"
                )
                table.note(f"PostgreSQL skipped: {why}.")
            for backend in found:
                _backend(backend, options, standin, baseline_url, table)
    finally:
        standin.stop()
    table.note(
        f"{options.requests} signed commands per burst at concurrency 4, after {WARM_UP} to warm up; "
        f"p99: 1 % of the {options.requests} answers took longer. Poll clicks: {PEOPLE} people click "
        f"once each, {CONCURRENCY} at a time, timed until the acknowledgement, on a database of its own."
    )
    table.note(f"Whole run {time.perf_counter() - started:.0f} s.")
    table.print()


def _backend(
    backend: Backend, options: argparse.Namespace, standin: SlackStandIn, baseline: str, table: Table
) -> None:
    largest = ""
    for years in options.years:
        url = backend.new_database(f"history{years}")
        began = time.perf_counter()
        make_history(_settings(url, standin), years, dt.date.today().year)
        print(
            f"{backend.name}: {years} year(s) of history made in {time.perf_counter() - began:.1f} s",
            file=sys.stderr,
        )
        _status(backend.name, years, _settings(url, standin), standin, baseline, options.requests, table)
        _reports(backend.name, years, _settings(url, standin), table)
        largest = url
    # `osallisuus serve` first: the bulk jobs' 10,000 rows set PostgreSQL's autovacuum going for a while
    # after them, which on two cores would be timed as the bot's start.
    _served(backend.name, largest, max(options.years), options, standin, table)
    _clicks(backend, standin, baseline, table)
    with standin_process(standin.token) as remote:  # Slack's side off this interpreter's lock
        queued, rate, count = reminders_and_dispatch(
            _settings(backend.new_database("owners"), remote), options.dms
        )
    table.put(
        f"queue deadline reminders for 10,000 owners ({count} queued), s", backend.name, f"{queued:.2f}"
    )
    row = f"dispatch {options.dms} DMs to the local stand-in (its own process), items/s"
    table.put(row, backend.name, f"{rate:.0f}")


def _served(
    name: str, url: str, after: int, options: argparse.Namespace, standin: SlackStandIn, table: Table
) -> None:
    env = {
        "DATABASE_URL": url,
        "SLACK_BOT_TOKEN": standin.token,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": standin.api_url,
    }
    served_burst: list[Burst] = []

    def on_serve(url: str) -> None:
        served_burst.append(burst(url, SECRET, "status", 1, standin))  # the first, as soon as healthy
        burst(url, SECRET, "status", WARM_UP, standin)
        served_burst.append(burst(url, SECRET, "status", options.requests, standin))

    median, pss = cold_start(env, options.starts, on_serve)
    row = f"the first `status` answer on `osallisuus serve` once healthy, {after} year(s), ms"
    table.put(row, name, f"{served_burst[0].p50:.0f}")
    row = f"`status` answer p50 / p99 ms on `osallisuus serve` (gunicorn), {after} year(s)"
    table.put(row, name, _cell(served_burst[1]))
    table.put(
        f"cold start of `osallisuus serve` to /healthz 200, median of {options.starts}, s",
        name,
        f"{median:.2f}",
    )
    table.put(
        f"PSS of gunicorn master + worker after a `status` burst ({after} years), MiB", name, f"{pss:.0f}"
    )


def _clicks(backend: Backend, standin: SlackStandIn, baseline: str, table: Table) -> None:
    settings = _settings(backend.new_database("clicks"), standin)
    mine, floor, counted = clicks(settings, SECRET, standin, baseline)
    row = f"{PEOPLE} poll clicks from {PEOPLE} people at concurrency {CONCURRENCY}: ack p50 / p99 ms"
    table.put(row, backend.name, _cell(mine))
    table.floor(row, backend.name, mine, floor)
    table.put(f"{PEOPLE} poll clicks: answers recorded", backend.name, f"{counted} ({PEOPLE - counted} lost)")


def _status(
    name: str, years: int, settings: Settings, standin: SlackStandIn, baseline: str, count: int, table: Table
) -> None:
    with bot(settings) as (runtime, web), served(web) as url:
        for text in COMMANDS:
            for target in (url, baseline):
                burst(target, SECRET, text, WARM_UP, standin)
            mine = burst(url, SECRET, text, count, standin)
            floor = burst(baseline, SECRET, text, count, standin)
            row = f"`{text}` answer p50 / p99 ms, {years} year(s)"
            table.put(row, name, _cell(mine))
            table.floor(row, name, mine, floor)
        counts = [statements_per_command(runtime, url, SECRET, text, standin) for text in COMMANDS]
        table.put(
            f"SQL statements per `status` / `status 2`, {years} year(s)", name, " / ".join(map(str, counts))
        )


def _reports(name: str, years: int, settings: Settings, table: Table) -> None:
    made = report_seconds(settings)
    for output in ("docx", "xlsx"):
        cell = f"{made[output][0]:.2f} ({made[output][1]} statements)" if made else "nothing to report"
        table.put(f"the plan's last year's {output.upper()} report, {years} year(s), s", name, cell)


def _cell(result: Burst) -> str:
    extra = f" ({result.late} after the ack)" if result.late else ""
    extra += f" ({result.failed} failed)" if result.failed else ""
    return f"{result.p50:.0f} / {result.p99:.0f}{extra}"


def _settings(url: str, standin: SlackStandIn | RemoteStandIn) -> Settings:
    return load_settings(
        _env_file=None,
        slack_bot_token=standin.token,
        slack_signing_secret=SECRET,
        slack_api_url=standin.api_url,
        database_url=url,
    )


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--requests", type=int, default=500, help="signed commands per burst (default 500)")
    parser.add_argument("--years", type=lambda v: [int(y) for y in v.split(",")], default=[1, 5, 10])
    parser.add_argument("--dms", type=int, default=1000, help="direct messages to dispatch (default 1000)")
    parser.add_argument("--starts", type=int, default=3, help="cold starts to take the median of (default 3)")
    parser.add_argument("--no-postgres", dest="postgres", action="store_false")
    options = parser.parse_args()
    options.requests = max(1, min(options.requests, 2000))
    options.dms = max(1, min(options.dms, 10_000))
    return options


if __name__ == "__main__":
    main()
