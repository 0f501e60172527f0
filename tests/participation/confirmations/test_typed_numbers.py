"""Numbers typed as Finns and Swedes write them, on the confirm line and in the confirm form, through
signed Slack requests: `72,5 %` with its space, `12 500` with a space between the thousands."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from participation.storage.models import Confirmation
from tests.conftest import COORDINATOR
from tests.participation.confirmations.plans import use_every_kind_plan
from tests.support.running import RunningBot, texts


def _numbers(bot: RunningBot) -> list[float | None]:
    with bot.runtime.db.session() as session:
        return list(session.scalars(select(Confirmation.value_number).order_by(Confirmation.id)))


@pytest.mark.parametrize(
    ("user", "typed", "stored", "said"),
    [
        ("USV00001", 'confirm feedback-share 72,5 % "Rapport Q3"', 72.5, "*72,5 %*"),
        (COORDINATOR, 'confirm visitors 12 500 "Verkkoanalytiikka"', 12500.0, "Näyttö: Verkkoanalytiikka"),
        (COORDINATOR, "confirm visitors 12\u00a0500", 12500.0, "*12"),
        ("UEN00001", 'confirm visitors 12,500 "Web analytics"', 12500.0, "Evidence: Web analytics"),
    ],
)
def test_a_number_typed_with_spaces_is_read_in_the_persons_language(
    report_bot: RunningBot, user: str, typed: str, stored: float, said: str
) -> None:
    use_every_kind_plan(report_bot)
    shown = texts(report_bot.reply(user, typed))
    assert said in shown
    assert _numbers(report_bot) == [stored]


def test_a_huge_number_is_still_refused_and_nothing_is_written(report_bot: RunningBot) -> None:
    use_every_kind_plan(report_bot)
    shown = texts(report_bot.reply("UEN00001", "confirm visitors 99 999 999 999"))
    assert "is too large" in shown
    assert _numbers(report_bot) == []


def test_the_form_takes_thousands_with_a_space(report_bot: RunningBot) -> None:
    use_every_kind_plan(report_bot)
    report_bot.command(COORDINATOR, "confirm visitors")
    view = report_bot.standin.wait_for("views.open")[0].args["view"]
    view = json.loads(view) if isinstance(view, str) else view
    values = {
        "year": {"type": "static_select", "selected_option": {"value": "2024"}},
        "value": {"type": "number_input", "value": "12 500"},
    }
    assert report_bot.submit(COORDINATOR, view, values).status_code == 200
    assert _numbers(report_bot) == [12500.0]
