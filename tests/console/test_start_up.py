"""What `osallisuus serve` loads: the gunicorn master none of the app, the worker the app without the
report's libraries (charts and files load them when a report is written). Fresh interpreters, so no
other test's imports count."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from devtools.localslack.server import SlackStandIn

REPORT_LIBRARIES = ("matplotlib", "docx", "openpyxl")
APP_LIBRARIES = ("sqlalchemy", "alembic", "flask", "slack_bolt", "apscheduler")

_LOADED = """
import json, sys
{code}
print(json.dumps(sorted({{name.split(".")[0] for name in sys.modules}})))
"""


def _loaded(code: str, env: dict[str, str]) -> set[str]:
    """The top-level packages imported after running `code` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _LOADED.format(code=code)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def _worker_env(standin: SlackStandIn, database_url: str) -> dict[str, str]:
    standin.token = "xoxb-start"
    return {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-start",
        "SLACK_SIGNING_SECRET": "start-secret",
        "SLACK_API_URL": standin.api_url,
        "DATABASE_URL": database_url,
    }


def test_the_master_imports_neither_the_app_nor_the_report_libraries() -> None:
    loaded = _loaded("import console.main\nimport bot.server", dict(os.environ))
    assert "gunicorn" in loaded
    assert loaded.isdisjoint(APP_LIBRARIES + REPORT_LIBRARIES)


def test_the_master_on_postgresql_sets_up_without_sqlalchemy() -> None:
    """Only SQLite's one-process lock needs SQLAlchemy in the master; on PostgreSQL the worker loads it,
    with the collector off, instead of the master with it on."""
    code = (
        "import bot.server\n"
        "from config.settings import load_settings\n"
        "bot.server._only_process(load_settings())"
    )
    env = {**os.environ, "DATABASE_URL": "postgresql://bot@127.0.0.1:1/osallisuus"}
    loaded = _loaded(code, env)
    assert "gunicorn" in loaded
    assert loaded.isdisjoint(APP_LIBRARIES + REPORT_LIBRARIES)


def test_the_worker_builds_the_app_without_the_report_libraries(
    empty_database_url: str, standin: SlackStandIn
) -> None:
    env = _worker_env(standin, empty_database_url)
    code = (
        "import console.main\n"
        "from bot.server import build\n"
        "from config.settings import load_settings\n"
        "runtime, app, web = build(load_settings())\n"
        "assert web.test_client().get('/healthz').status_code == 200"
    )
    loaded = _loaded(code, env)
    assert {"sqlalchemy", "alembic", "flask", "slack_bolt"} <= loaded
    # The scheduler loads with the Background, which `serve` starts beside the first requests.
    assert loaded.isdisjoint(("apscheduler", *REPORT_LIBRARIES))


def test_a_worker_on_a_current_schema_loads_neither_alembic_nor_the_calendar_nor_the_reports(
    database_url: str, standin: SlackStandIn
) -> None:
    """The usual restart: the schema is current, so Alembic is not needed; the holiday calendar and the
    report modules load when a date or a report first needs them, APScheduler with the scheduler, and
    icalendar at the first feed or invitation."""
    env = _worker_env(standin, database_url)
    code = (
        "import console.main\n"
        "from bot.server import build\n"
        "from config.settings import load_settings\n"
        "runtime, app, web = build(load_settings())\n"
        "assert web.test_client().get('/healthz').status_code == 200\n"
        "assert runtime.db.schema_current()\n"
        "import participation.reports as reports\n"
        "assert not [m for m in sys.modules if m.startswith('participation.reports.')]\n"
        "assert 'icalendar.cal' not in sys.modules  # the iCalendar library runs at the first feed\n"
    )
    loaded = _loaded(code, env)
    assert {"sqlalchemy", "flask", "slack_bolt"} <= loaded
    assert loaded.isdisjoint(("alembic", "holidays", "apscheduler", *REPORT_LIBRARIES))


def test_the_bundled_plans_parse_the_same_with_libyaml() -> None:
    """Plans are read with libyaml's parser when PyYAML has it; PyYAML's own parser must agree."""
    import yaml

    from participation.plan.files import bundled_plan_files, load_plan_file
    from participation.plan.schema import Plan

    assert yaml.__with_libyaml__
    assert bundled_plan_files()
    for path in bundled_plan_files():
        pure = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        assert load_plan_file(path) == Plan.model_validate(pure)
