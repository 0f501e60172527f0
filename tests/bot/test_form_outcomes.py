"""A form's outcome is told once per submitted modal, and every modal is told: the outbox key is the
view's id, which Slack gives each modal it opens and keeps while the modal is changed (its steps, its
field errors). Through signed requests, with the ids the Slack stand-in hands out as Slack does."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from participation.storage.models import Meeting, OutboxItem
from tests.conftest import COORDINATOR
from tests.support.running import RunningBot


def _opened(bot: RunningBot, count: int) -> list[dict[str, Any]]:
    """The modals Slack opened, each with the id Slack gave it."""
    found = []
    for call in bot.standin.wait_for("views.open", count)[:count]:
        view = call.args["view"]
        view = json.loads(view) if isinstance(view, str) else view
        found.append({**view, "id": call.answer["view"]["id"]})
    return found


def _answers(title: str, date: str) -> dict[str, Any]:
    return {
        "network": {"type": "static_select", "selected_option": {"value": "osallisuusverkosto"}},
        "title": {"type": "plain_text_input", "value": title},
        "date": {"type": "datepicker", "selected_date": date},
        "start": {"type": "timepicker", "selected_time": "13:00"},
        "end": {"type": "timepicker", "selected_time": "15:00"},
        "place": {"type": "plain_text_input", "value": None},
        "link": {"type": "url_text_input", "value": None},
        "agenda": {"type": "plain_text_input", "value": None},
    }


def _told(bot: RunningBot) -> list[str]:
    with bot.runtime.db.session() as session:
        items = session.scalars(select(OutboxItem).where(OutboxItem.key.startswith("form:")))
        return sorted(item.payload["to"] + " " + item.key.split(":")[1] for item in items)


def test_each_of_two_forms_is_told_and_a_corrected_form_once(network_bot: RunningBot) -> None:
    network_bot.command(COORDINATOR, "meeting new")
    network_bot.command(COORDINATOR, "meeting new")
    first, second = _opened(network_bot, 2)
    assert first["id"] != second["id"]

    wrong = network_bot.submit(COORDINATOR, first, _answers("Syksy", "2020-09-14")).json()
    assert wrong["response_action"] == "errors" and list(wrong["errors"]) == ["date"]
    assert network_bot.submit(COORDINATOR, first, _answers("Syksy", "2027-09-14")).text == ""
    assert network_bot.submit(COORDINATOR, second, _answers("Talvi", "2027-12-14")).text == ""

    with network_bot.runtime.db.session() as session:
        assert sorted(session.scalars(select(Meeting.title))) == ["Syksy", "Talvi"]
    assert _told(network_bot) == sorted(f"{COORDINATOR} {view['id']}" for view in (first, second))
