"""Reminders before a reporting deadline and the coordinators' summary on the day, on a hand-moved clock.

The yearly report 2024 is moved to Wednesday 8.1.2025 so that the reminders cross Christmas (24–26.12),
New Year's Day, a weekend and Epiphany (Monday 6.1). The jobs run as APScheduler runs them: the stored
job functions, with the running Background installed; the restart is a real Background start.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import web_client
from bot.transport import SlackTransport
from commands.confirm import OPEN_ACTION, YES_ACTION
from config.settings import SettingsError, load_settings
from participation.deadlines.planning import (
    missed_reminder_jobs,
    missed_summary_jobs,
    plan_reminder_jobs,
    plan_summary_jobs,
)
from participation.storage.models import OutboxItem
from schedules import jobs
from schedules.background import Background
from schedules.deadline_jobs import deadline_reminder, deadline_summary
from tests.conftest import COORDINATOR
from tests.participation.confirmations.plans import move_report_2024
from tests.support.clock import Clock, helsinki
from tests.support.running import RunningBot, texts

DUE = dt.date(2025, 1, 8)


@contextmanager
def _running(bot: RunningBot) -> Iterator[Background]:
    """The Background the stored jobs find, as in the serving process, without its scheduler thread."""
    client = web_client(bot.runtime)
    background = Background(bot.runtime, SlackTransport(client), client)
    jobs.install(background)
    try:
        yield background
    finally:
        background.deliver()
        jobs.install(None)


def _dms(bot: RunningBot, user: str) -> list[dict[str, Any]]:
    return bot.standin.messages(f"D{user}")


def _buttons(message: dict[str, Any]) -> list[str]:
    blocks = message["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


def _keys(bot: RunningBot, prefix: str) -> set[str]:
    with bot.runtime.db.session() as session:
        return set(session.scalars(select(OutboxItem.key).where(OutboxItem.key.startswith(prefix))))


def _owners(bot: RunningBot) -> None:
    move_report_2024(bot, DUE)
    bot.reply(COORDINATOR, "owner survey-realised <@UFI00001>")
    bot.reply(COORDINATOR, "owner training-plan-made <@UFI00001>")
    bot.reply(COORDINATOR, "owner feedback-processed-5-days <@USV00001>")


def _wait_for(bot: RunningBot, user: str, count: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(_dms(bot, user)) < count:
        time.sleep(0.1)
    return _dms(bot, user)


def test_reminders_fall_on_finnish_working_days_at_nine(report_bot: RunningBot, january: Clock) -> None:
    move_report_2024(report_bot, DUE)
    january.set(helsinki(2024, 12, 1, 12))
    settings = report_bot.runtime.settings
    with report_bot.runtime.db.session() as session:
        planned = plan_reminder_jobs(session, settings, january()) + plan_summary_jobs(
            session, settings, january()
        )
        other = settings.model_copy(update={"deadline_reminder_days": (3,)})
        three = [
            job.run_date for job in plan_reminder_jobs(session, other, january()) if "report-2024" in job.id
        ]
    assert {job.id: job.run_date for job in planned if "report-2024" in job.id} == {
        "deadline-reminder:report-2024:10": helsinki(2024, 12, 18, 9),  # 24.–26.12 and weekends skipped
        "deadline-reminder:report-2024:5": helsinki(2024, 12, 30, 9),  # 6.1, the weekend and 1.1 skipped
        "deadline-reminder:report-2024:1": helsinki(2025, 1, 7, 9),
        "deadline-summary:report-2024": helsinki(2025, 1, 8, 9),
    }
    assert three == [helsinki(2025, 1, 2, 9)]
    assert {job.args for job in planned if job.id == "deadline-reminder:report-2024:5"} == {
        ("report-2024", 5)
    }


def test_owners_are_reminded_until_they_confirm_and_coordinators_get_the_summary(
    report_bot: RunningBot, january: Clock
) -> None:
    _owners(report_bot)
    january.set(helsinki(2024, 12, 18, 9))
    with _running(report_bot):
        deadline_reminder("report-2024", 10)
        deadline_reminder("report-2024", 10)  # run twice (a retry, a restart): sent once
    finnish, swedish = _dms(report_bot, "UFI00001"), _dms(report_bot, "USV00001")
    assert len(finnish) == 2 and len(swedish) == 1
    survey = next(m for m in finnish if "survey-realised" in texts(m))
    assert "*Vuosiraportti 2024* on määräaikana 8.1.2025 (työpäiviä jäljellä: 10)" in texts(survey)
    assert "*Kysely toteutettu*" in texts(survey)
    assert _buttons(survey) == [YES_ACTION, OPEN_ACTION]
    assert "Årsrapport 2024" in texts(swedish[0]) and _buttons(swedish[0]) == [OPEN_ACTION]

    report_bot.click("UFI00001", YES_ACTION, "survey-realised:2024")  # confirmed from the reminder
    report_bot.standin.wait_for("response_url")

    # Down over the holidays; back on 2.1.2025, after the 5-day reminder fell due on 30.12.
    january.set(helsinki(2025, 1, 2, 10))
    report_bot.runtime.start_background(web_client(report_bot.runtime))
    try:
        finnish = _wait_for(report_bot, "UFI00001", 3)
        swedish = _wait_for(report_bot, "USV00001", 2)
    finally:
        report_bot.runtime.stop_background()
    assert len(finnish) == 3 and len(swedish) == 2
    assert "training-plan-made" in texts(finnish[-1]) and "(työpäiviä jäljellä: 3)" in texts(finnish[-1])
    assert _keys(report_bot, "deadline:report-2024:survey-realised") == {
        "deadline:report-2024:survey-realised:UFI00001:10"
    }

    report_bot.reply("USV00001", 'confirm feedback-processed-5-days 81 "Rapport Q4"')  # between reminders
    january.set(helsinki(2025, 1, 7, 9))
    with _running(report_bot):
        deadline_reminder("report-2024", 1)
    assert len(_dms(report_bot, "USV00001")) == 2
    finnish = _dms(report_bot, "UFI00001")
    assert len(finnish) == 4 and "(työpäiviä jäljellä: 1)" in texts(finnish[-1])

    january.set(helsinki(2025, 1, 8, 9))
    with _running(report_bot):
        deadline_summary("report-2024")
        deadline_summary("report-2024")
    [summary] = _dms(report_bot, COORDINATOR)
    shown = texts(summary)
    assert "Määräaika tänään: Vuosiraportti 2024" in shown
    assert "34/36 seurantamittaria puuttuu vielä vuodelta 2024" in shown
    assert "`training-plan-made` — <@UFI00001>" in shown and "`network-meetings` — botin laskema" in shown
    assert "`survey-realised`" not in shown and "`feedback-processed-5-days`" not in shown
    assert "ei vastuuhenkilöä" in shown

    january.set(helsinki(2025, 1, 9, 9))  # the deadline has passed: nothing more
    with _running(report_bot):
        deadline_reminder("report-2024", 1)
        deadline_summary("report-2024")
    assert [len(_dms(report_bot, u)) for u in ("UFI00001", "USV00001", COORDINATOR)] == [4, 2, 1]


def test_after_a_long_outage_only_the_latest_reminder_goes_out(
    report_bot: RunningBot, january: Clock
) -> None:
    _owners(report_bot)
    january.set(helsinki(2025, 1, 3, 11))  # down since before 18.12: the 10- and 5-day reminders fell due
    with report_bot.runtime.db.session() as session:
        missed = missed_reminder_jobs(session, report_bot.runtime.settings, january())
    assert [job.id for job in missed if "report-2024" in job.id] == ["deadline-reminder:report-2024:5"]
    report_bot.runtime.start_background(web_client(report_bot.runtime))
    try:
        assert len(_wait_for(report_bot, "UFI00001", 2)) == 2
    finally:
        report_bot.runtime.stop_background()
    assert _keys(report_bot, "deadline:report-2024:") == {
        "deadline:report-2024:survey-realised:UFI00001:5",
        "deadline:report-2024:training-plan-made:UFI00001:5",
        "deadline:report-2024:feedback-processed-5-days:USV00001:5",
    }
    with _running(report_bot):
        deadline_reminder("report-2024", 10)  # APScheduler's grace period may still run the old job
    assert len(_dms(report_bot, "UFI00001")) == 2


def test_nothing_is_caught_up_once_the_deadline_has_passed(report_bot: RunningBot, january: Clock) -> None:
    _owners(report_bot)
    settings = report_bot.runtime.settings
    january.set(helsinki(2025, 1, 8, 15))  # back on the due day, after 09:00: the summary still goes
    with report_bot.runtime.db.session() as session:
        assert [j.id for j in missed_summary_jobs(session, settings, january())] == [
            "deadline-summary:report-2024"
        ]
    january.set(helsinki(2025, 1, 9, 8))
    with report_bot.runtime.db.session() as session:
        assert [j.id for j in missed_reminder_jobs(session, settings, january()) if "2024" in j.id] == []
        assert missed_summary_jobs(session, settings, january()) == []
    with _running(report_bot):
        deadline_reminder("report-2024", 1)
        deadline_summary("report-2024")
    assert _keys(report_bot, "deadline") == set()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("5, 10,5", (10, 5)), ("1", (1,)), ("", ())],
)
def test_the_reminder_days_setting(value: str, expected: tuple[int, ...]) -> None:
    assert load_settings(_env_file=None, deadline_reminder_days=value).deadline_reminder_days == expected


def test_a_malformed_reminder_days_setting_is_one_line_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEADLINE_REMINDER_DAYS", "10,five")
    with pytest.raises(SettingsError) as error:
        load_settings(_env_file=None)
    assert (
        str(error.value)
        == "DEADLINE_REMINDER_DAYS is invalid: 'five' is not a number of working days from 1 to 60"
    )
