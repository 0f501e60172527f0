"""The dashboard across the yearly report 2024's deadline (31.1.2025): traffic lights per priority and
measure, the share confirmed, the next deadline, the late owners, the next meeting and satisfaction."""

from __future__ import annotations

from commands.ids import PRIORITY_ACTION
from participation.storage.models import NetworkRecord
from tests.conftest import COORDINATOR
from tests.support.clock import Clock, helsinki
from tests.support.network import CHANNEL
from tests.support.running import RunningBot, texts


def _line(shown: str, needle: str) -> str:
    return next(line for line in shown.splitlines() if needle in line)


def test_lights_deadline_late_owners_meeting_and_satisfaction(report_bot: RunningBot, january: Clock) -> None:
    report_bot.standin.channels[CHANNEL] = ["UFI00001", COORDINATOR, report_bot.standin.bot_user_id]
    report_bot.sync_directory()
    with report_bot.runtime.db.session() as session:
        session.get(NetworkRecord, "osallisuusverkosto").channel_id = CHANNEL  # type: ignore[union-attr]
    report_bot.reply("UEN00001", "lang en")
    report_bot.reply(COORDINATOR, "owner survey-realised <@UFI00001>")
    report_bot.reply(COORDINATOR, "owner intranet-pages-updated <@USV00001>")
    report_bot.reply(COORDINATOR, 'meeting new osallisuusverkosto 11.2.2025 13:00 "Helmikuun kokous"')

    shown = texts(report_bot.reply("UEN00001", "status"))
    assert "reporting year 2024 · 0/36 indicators confirmed" in shown
    assert (
        "📅 Next deadline: *Yearly report 2024* on 31.1.2025 (reporting year 2024; working days left: 20)"
        in shown
    )
    assert "🗓 Next meeting: Helmikuun kokous, Tue 11.2.2025" in shown
    assert "⭐ No satisfaction figure yet for 2024." in shown
    assert "🟡 *1. Strengthening the participation experience*" in shown and "🔴" not in shown.replace(
        "🔴 overdue", ""
    )

    report_bot.reply("USV00001", 'confirm intranet-pages-updated ja "Intranät uppdaterat"')
    shown = texts(report_bot.reply("UEN00001", "status"))
    assert "🟢 We share information on participation with all staff. — 1/1" in shown
    assert "1/36 indicators confirmed" in shown and "1/13 indicators confirmed (8 %)" in shown

    january.set(helsinki(2025, 2, 3, 10))  # the report was due on Friday
    late = texts(report_bot.reply("UEN00001", "status 2024"))
    assert (
        "🔴 *Yearly report 2024* was due on 31.1.2025 and is still missing indicators. Late: <@UFI00001>"
        in late
    )
    assert "🔴" in _line(late, "<@UFI00001>") and "late: <@UFI00001>" in late
    assert "🟢" in _line(late, "— 1/1")
    now = texts(report_bot.reply("UEN00001", "status"))
    assert (
        "reporting year 2025" in now
        and "Yearly report 2025 and final report" in now
        and "🔴" not in _line(now, "1. Strengthening")
    )
    answer = report_bot.reply("UEN00001", "status")
    assert [b["accessory"]["action_id"] for b in answer["blocks"] if "accessory" in b] == [
        PRIORITY_ACTION
    ] * 3


def test_one_indicator_with_its_history_and_a_year_outside_the_plan(report_bot: RunningBot) -> None:
    report_bot.reply(COORDINATOR, "owner feedback-processed-5-days <@UEN00001>")
    report_bot.reply("UEN00001", 'confirm feedback-processed-5-days 64 "Q3 report"')
    shown = texts(report_bot.reply("UEN00001", "status feedback-processed-5-days"))
    assert "70% of feedback is processed within five working days" in shown
    assert (
        "❌ *2024*: *64 %*" in shown and "Owners: <@UEN00001>" in shown and "Target: at least 70 %." in shown
    )
    assert "2024: *64 %* — <@UEN00001>" in shown
    assert "did not understand 'nonsense'" in texts(report_bot.reply("UEN00001", "status nonsense"))
    assert "outside the plan's period" in texts(
        report_bot.reply("UEN00001", "status feedback-processed-5-days 2031")
    )
