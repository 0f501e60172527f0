"""Shared fixtures: a fresh database per test on SQLite and PostgreSQL, the Slack stand-in, and the bot
running as an HTTP server that tests talk to with signed requests, as Slack does."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from config.settings import Settings, load_settings
from devtools.localslack.server import SlackStandIn
from participation.meetings.networks import ensure_network_rows
from participation.plan.importer import load_bundled_plans
from participation.storage.db import Database
from participation.storage.models import NetworkRecord
from tests.support.clock import Clock, helsinki
from tests.support.network import CHANNEL, MEMBERS, OTHER_CHANNEL
from tests.support.postgres import PostgresServer, start_postgres
from tests.support.running import RunningBot

SIGNING_SECRET = "test-signing-secret-0123456789"
BOT_TOKEN = "xoxb-test-token"
COORDINATOR = "UCOORD01"
USERS = {
    "UFI00001": ("Aino Virtanen", "fi-FI"),
    "USV00001": ("Sven Lindqvist", "sv-SE"),
    "UEN00001": ("Emma Smith", "en-US"),
    COORDINATOR: ("Kaisa Koordinaattori", "fi-FI"),
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--databases", default="sqlite,postgresql", help="comma-separated: which databases the suite runs on"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database_kind" in metafunc.fixturenames:
        kinds = metafunc.config.getoption("--databases").split(",")
        metafunc.parametrize("database_kind", [k.strip() for k in kinds if k.strip()], scope="session")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | None]:
    admin_url = os.environ.get("TEST_DATABASE_URL")
    if admin_url:
        yield PostgresServer(admin_url, process=None)
        return
    server = start_postgres()
    yield server
    if server is not None:
        server.stop()


def _require(postgres_server: PostgresServer | None) -> PostgresServer:
    if postgres_server is None:
        if os.environ.get("CI"):
            pytest.fail(
                "PostgreSQL is required in CI: install the postgresql package or set TEST_DATABASE_URL"
            )
        pytest.skip(
            "no PostgreSQL server binaries here (install Debian's postgresql, or set TEST_DATABASE_URL)"
        )
    return postgres_server


def _execute(postgres_server: PostgresServer, statement: str) -> None:
    admin = create_engine(postgres_server.admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(statement))
    finally:
        admin.dispose()


def _set_up(url: str) -> None:
    """What every start does: the schema at head, the bundled plans, a row per network."""
    database = Database(url)
    database.upgrade()
    with database.session() as session:
        load_bundled_plans(session)
        ensure_network_rows(session)
    database.dispose()


@pytest.fixture(scope="session")
def prepared_database(
    database_kind: str, postgres_server: PostgresServer | None, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """A database set up once per run and kind; each test gets a copy of it, so tests stay independent
    without each paying for migrations and the plan import (a file copy, or CREATE DATABASE … TEMPLATE)."""
    if database_kind == "sqlite":
        path = tmp_path_factory.mktemp("prepared") / "osallisuus.db"
        _set_up(f"sqlite:///{path}")
        return str(path)
    server = _require(postgres_server)
    name = "prepared_" + uuid.uuid4().hex[:12]
    _execute(server, f'CREATE DATABASE "{name}"')
    _set_up(server.url_for(name))
    return name


@pytest.fixture
def database_url(
    database_kind: str, postgres_server: PostgresServer | None, prepared_database: str, tmp_path: Path
) -> Iterator[str]:
    """A database as the bot leaves it after its first start (schema, plans, networks), for this test."""
    if database_kind == "sqlite":
        shutil.copyfile(prepared_database, tmp_path / "osallisuus.db")
        yield f"sqlite:///{tmp_path}/osallisuus.db"
        return
    server = _require(postgres_server)
    name = "t_" + uuid.uuid4().hex[:12]
    _execute(server, f'CREATE DATABASE "{name}" TEMPLATE "{prepared_database}"')
    try:
        yield server.url_for(name)
    finally:
        _execute(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_database_url(
    database_kind: str, postgres_server: PostgresServer | None, tmp_path: Path
) -> Iterator[str]:
    """A database with nothing in it, for tests of what the first start does."""
    if database_kind == "sqlite":
        yield f"sqlite:///{tmp_path}/empty.db"
        return
    server = _require(postgres_server)
    name = "e_" + uuid.uuid4().hex[:12]
    _execute(server, f'CREATE DATABASE "{name}"')
    try:
        yield server.url_for(name)
    finally:
        _execute(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    """The Slack stand-in, strict as Slack: a test fails if the bot made a request Slack would refuse
    (wrong token, a scope the manifest does not ask for, Block Kit Slack does not take)."""
    server = SlackStandIn(token=BOT_TOKEN).start()
    for user_id, (name, locale) in USERS.items():
        server.add_user(user_id, name, locale=locale)
    server.usergroups["SCOORDS1"] = [COORDINATOR]
    yield server
    server.stop()
    refused = [(r.call.method, r.answer) for r in server.refusals if r.error != "ratelimited"]
    assert not refused, f"Slack would refuse the bot's requests: {refused}"


@pytest.fixture
def settings(database_url: str, standin: SlackStandIn, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for variable in list(os.environ):
        if variable.startswith(
            ("SLACK_", "DATABASE_", "COORDINATORS", "DEFAULT_LANGUAGE", "TIMEZONE", "PORT")
        ):
            monkeypatch.delenv(variable, raising=False)
    return load_settings(
        _env_file=None,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=standin.api_url,
        database_url=database_url,
        coordinators="SCOORDS1",
    )


@pytest.fixture
def bot(settings: Settings, standin: SlackStandIn) -> Iterator[RunningBot]:
    running = RunningBot.start(settings, standin, SIGNING_SECRET)
    yield running
    running.stop()


@pytest.fixture
def clock() -> Clock:
    return Clock(helsinki(2027, 1, 11, 10))


@pytest.fixture
def network_bot(settings: Settings, standin: SlackStandIn, clock: Clock) -> Iterator[RunningBot]:
    """The bot on a hand-moved clock, with both networks linked to channels the bot is in."""
    standin.channels[CHANNEL] = [*MEMBERS, standin.bot_user_id]
    standin.channels[OTHER_CHANNEL] = [COORDINATOR, standin.bot_user_id]
    running = RunningBot.start(settings, standin, SIGNING_SECRET, now=clock)
    with running.runtime.db.session() as session:
        for network_id, channel in (
            ("osallisuusverkosto", CHANNEL),
            ("asiakaskokemusverkosto", OTHER_CHANNEL),
        ):
            record = session.get(NetworkRecord, network_id)
            assert record is not None
            record.channel_id = channel
    yield running
    running.stop()
