"""The confirm modal in its two steps, its field errors, the confirm buttons, and the App Home tab with
the whole plan, all through signed Slack requests."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from bot.blocks import MAX_BUTTON, MAX_HEADER, MAX_HOME_BLOCKS, MAX_SECTION
from participation.confirmations.actions import CHOOSE_ACTION, OPEN_ACTION, YES_ACTION
from participation.storage.models import Confirmation, IndicatorOwner, IndicatorRecord, OutboxItem
from tests.conftest import COORDINATOR
from tests.participation.confirmations.plans import use_every_kind_plan
from tests.support.running import RunningBot, texts


def _view(call: Any) -> dict[str, Any]:
    view = call.args["view"]
    return json.loads(view) if isinstance(view, str) else view


def _confirmations(bot: RunningBot) -> list[Confirmation]:
    with bot.runtime.db.session() as session:
        return list(session.scalars(select(Confirmation).order_by(Confirmation.id)))


def _select(value: str) -> dict[str, Any]:
    return {"type": "static_select", "selected_option": {"value": value}}


def _text(value: str | None) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def test_the_form_asks_for_the_indicator_then_the_value_and_marks_every_bad_field(
    report_bot: RunningBot,
) -> None:
    use_every_kind_plan(report_bot)
    assert report_bot.command("UFI00001", "confirm").status_code == 200
    first = _view(report_bot.standin.wait_for("views.open")[0])
    assert first["callback_id"] == "confirm_choose" and len(first["title"]["text"]) <= 24
    [picker] = first["blocks"]
    groups = picker["element"]["option_groups"]
    assert [g["label"]["text"] for g in groups] == ["★ 1. Toimenpide"]
    assert [o["value"] for o in groups[0]["options"]] == ["plan-done"]

    forged = report_bot.submit("UFI00001", first, {"indicator": _select("feedback-share")}).json()
    assert (
        list(forged["errors"]) == ["indicator"] and "Vain seurantamittarin" in forged["errors"]["indicator"]
    )
    step = report_bot.submit("UFI00001", first, {"indicator": _select("plan-done")}).json()
    assert step["response_action"] == "update" and "Hetkinen" in texts(step["view"])
    [update] = report_bot.standin.wait_for("views.update")
    assert update.args["view_id"] == "V0LOCAL"
    second = _view(update)
    assert (second["callback_id"], second["private_metadata"]) == ("confirm_value", "plan-done")
    assert [b["block_id"] for b in second["blocks"] if b["type"] == "input"] == [
        "year",
        "value",
        "evidence",
        "link",
    ]
    inputs = {b["block_id"]: b for b in second["blocks"] if b["type"] == "input"}
    assert inputs["year"]["element"]["initial_option"]["value"] == "2024"
    assert inputs["evidence"]["optional"] is False
    assert "Suunnitelma on tehty" in texts(second)

    values = {
        "year": _select("2031"),
        "value": _select("perhaps"),
        "evidence": _text(None),
        "link": {"type": "url_text_input", "value": "ftp://example.org"},
    }
    refused = report_bot.submit("UFI00001", second, values).json()
    assert refused["response_action"] == "errors"
    assert set(refused["errors"]) == {"year", "value", "evidence", "link"}
    assert "näyttöä" in refused["errors"]["evidence"] and "2024–2025" in refused["errors"]["year"]
    assert _confirmations(report_bot) == []

    values |= {
        "year": _select("2024"),
        "value": _select("yes"),
        "evidence": _text("Lautakunnan päätös"),
        "link": {"type": "url_text_input", "value": "https://example.org/paatos"},
    }
    accepted = report_bot.submit("UFI00001", second, values)
    assert accepted.status_code == 200 and accepted.text == ""
    [row] = _confirmations(report_bot)
    assert (row.value_bool, row.evidence, row.evidence_url, row.confirmed_by) == (
        True,
        "Lautakunnan päätös",
        "https://example.org/paatos",
        "UFI00001",
    )
    with report_bot.runtime.db.session() as session:
        told = session.scalar(select(OutboxItem).where(OutboxItem.key.startswith("form:")))
        assert told is not None and told.payload["to"] == "UFI00001"
        assert "Vahvistettu vuodelle 2024" in told.payload["reply"]["parts"][0]["text"]


def test_a_number_field_refuses_a_percentage_of_140(report_bot: RunningBot) -> None:
    use_every_kind_plan(report_bot)
    report_bot.command("USV00001", "confirm feedback-share")
    view = _view(report_bot.standin.wait_for("views.open")[0])
    [value] = [b for b in view["blocks"] if b.get("block_id") == "value"]
    assert value["element"]["type"] == "number_input"
    assert (value["element"]["min_value"], value["element"]["max_value"]) == ("0", "100")
    values = {"year": _select("2024"), "value": {"type": "number_input", "value": "140"}}
    refused = report_bot.submit("USV00001", view, values).json()
    assert refused["errors"] == {"value": "En procentandel är från 0 till 100, inte 140."}
    values["value"] = {"type": "number_input", "value": "81.5"}
    assert report_bot.submit("USV00001", view, values).status_code == 200
    assert [c.value_number for c in _confirmations(report_bot)] == [81.5]


def test_coordinators_pick_from_every_indicator_with_their_own_first(report_bot: RunningBot) -> None:
    report_bot.reply(COORDINATOR, "owner survey-realised <@UCOORD01>")
    report_bot.command(COORDINATOR, "confirm")
    view = _view(report_bot.standin.wait_for("views.open")[0])
    groups = view["blocks"][0]["element"]["option_groups"]
    assert groups[0]["label"]["text"].startswith("★ 2.")
    assert [o["value"] for o in groups[0]["options"]] == ["survey-realised"]
    every = [o["value"] for g in groups for o in g["options"]]
    assert len(every) == len(set(every)) == 33 and "network-meetings" not in every
    assert all(len(g["label"]["text"]) <= 75 for g in groups)
    assert all(len(o["text"]["text"]) <= 75 for g in groups for o in g["options"])
    assert "Sinulla ei ole vahvistettavia" in texts(report_bot.reply("UFI00001", "confirm"))
    report_bot.reply("UEN00001", "lang en")
    assert "You have no indicators to confirm" in texts(report_bot.reply("UEN00001", "confirm"))


def test_buttons_open_the_form_or_confirm_there_and_then(report_bot: RunningBot) -> None:
    use_every_kind_plan(report_bot)
    report_bot.click("UEN00001", OPEN_ACTION, "visitors:2025")
    view = _view(report_bot.standin.wait_for("views.open")[0])
    assert view["private_metadata"] == "visitors"
    inputs = {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}
    assert inputs["year"]["element"]["initial_option"]["value"] == "2025" and "comment" in inputs

    report_bot.click("UEN00001", YES_ACTION, "advocacy-review:2024")
    [done] = report_bot.standin.wait_for("response_url")
    assert done.args["replace_original"] is True and "*reviewed*" in texts(done.args)
    assert [(c.value_bool, c.year) for c in _confirmations(report_bot)] == [(True, 2024)]

    report_bot.click("UEN00001", YES_ACTION, "plan-done:2024")
    report_bot.click("UEN00001", YES_ACTION, "DROP TABLE")
    answers = report_bot.standin.wait_for("response_url", 3)[1:]
    assert "Only the owners of `plan-done`" in texts(answers[0].args)
    assert answers[0].args["replace_original"] is False
    assert "That button is not one of mine" in texts(answers[1].args)
    assert len(_confirmations(report_bot)) == 1


def test_the_app_home_fits_slack_with_the_whole_plan_and_puts_ones_own_first(report_bot: RunningBot) -> None:
    with report_bot.runtime.db.session() as session:
        for indicator in session.scalars(
            select(IndicatorRecord).where(IndicatorRecord.plan_id == "sotepe-2023-2025")
        ):
            session.add(IndicatorOwner(indicator_id=indicator.id, slack_user_id=COORDINATOR, source="chat"))
        assert session.scalar(select(func.count()).select_from(IndicatorOwner)) == 36
    report_bot.reply(COORDINATOR, 'confirm survey-realised kyllä "Kysely tehty"')
    report_bot.event({"type": "app_home_opened", "user": COORDINATOR, "channel": "D1", "tab": "home"})
    view = _view(report_bot.standin.wait_for("views.publish")[0])
    blocks = view["blocks"]
    assert view["type"] == "home" and len(blocks) <= MAX_HOME_BLOCKS
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= MAX_SECTION
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= MAX_HEADER
    buttons = [b["accessory"] for b in blocks if "accessory" in b] + [
        e for b in blocks if b["type"] == "actions" for e in b["elements"]
    ]
    assert all(len(b["text"]["text"]) <= MAX_BUTTON for b in buttons)
    assert [b["action_id"] for b in buttons].count(OPEN_ACTION) == 33
    assert CHOOSE_ACTION in [b["action_id"] for b in buttons]
    shown = texts(view)
    assert shown.index("Omat seurantamittarisi") < shown.index("Seuraava määräaika")
    assert "35/36 seurantamittaristasi on vielä vahvistamatta vuodelle 2024" in shown
    own = [b for b in blocks if b.get("accessory", {}).get("action_id") == OPEN_ACTION]
    assert "⏳" in own[0]["text"]["text"] and "`survey-realised`" in own[-1]["text"]["text"]

    report_bot.event({"type": "app_home_opened", "user": "UEN00001", "channel": "D2", "tab": "home"})
    other = _view(report_bot.standin.wait_for("views.publish", 2)[1])
    assert "You own no indicators" in texts(other) and "Next deadline" in texts(other)
    assert OPEN_ACTION not in json.dumps(other) and CHOOSE_ACTION not in json.dumps(other)
