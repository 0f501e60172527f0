"""When the active plan's period is over, `status` and the App Home tab say so first, in the reader's
language, and point to the report and to the next plan; within the period they do not."""

from __future__ import annotations

import json

from tests.support.clock import Clock, helsinki
from tests.support.running import RunningBot, texts


def test_an_ended_plan_is_said_first_with_the_report_and_the_next_plan(
    network_bot: RunningBot, clock: Clock
) -> None:
    clock.set(helsinki(2026, 12, 5, 10))
    answer = network_bot.reply("USV00001", "status")
    second_block = texts({"blocks": answer["blocks"][2:3]})
    assert "Planens period tog slut 31.12.2025" in second_block
    assert "`/osallisuus report 2025`" in second_block and "`sotepe-2026-2029`" in second_block
    assert "samordnare" in second_block
    assert "This plan's period ended" in texts(network_bot.reply("UEN00001", "status 2"))
    network_bot.event({"type": "app_home_opened", "user": "UFI00001", "channel": "D1", "tab": "home"})
    [published] = network_bot.standin.wait_for("views.publish")
    view = published.args["view"]
    home = texts(json.loads(view) if isinstance(view, str) else view)
    assert "Suunnitelman kausi päättyi 31.12.2025" in home


def test_within_the_period_nothing_is_said_of_its_end(network_bot: RunningBot, clock: Clock) -> None:
    clock.set(helsinki(2025, 6, 2, 10))
    shown = texts(network_bot.reply("UEN00001", "status"))
    assert "Participation Plan for 2023–2025" in shown and "period ended" not in shown
