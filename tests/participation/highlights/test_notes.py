"""Highlights for the report: `/osallisuus note` in a form and on one line, editing with the history kept,
who may edit, and the `notes` list, all through signed Slack requests."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from participation.storage.models import AuditEntry, Highlight, HighlightVersion
from tests.conftest import COORDINATOR
from tests.support.clock import Clock, helsinki
from tests.support.running import RunningBot, texts

AUTHOR = "UFI00001"
OTHER = "UEN00001"


@pytest.fixture
def clock() -> Clock:
    return Clock(helsinki(2025, 3, 5, 10))


def _view(bot: RunningBot, count: int = 1) -> dict[str, Any]:
    view = bot.standin.wait_for("views.open", count)[-1].args["view"]
    return json.loads(view) if isinstance(view, str) else view


def _select(value: str) -> dict[str, Any]:
    return {"type": "static_select", "selected_option": {"value": value}}


def _text(value: str) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def _highlights(bot: RunningBot) -> list[Highlight]:
    with bot.runtime.db.session() as session:
        found = list(session.scalars(select(Highlight).order_by(Highlight.id)))
        for highlight in found:
            list(highlight.versions)  # loaded while the session is open
        return found


def _audit(bot: RunningBot, action: str) -> list[AuditEntry]:
    with bot.runtime.db.session() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_the_form_records_a_highlight_with_its_section_priority_and_author(
    network_bot: RunningBot, clock: Clock
) -> None:
    assert network_bot.command(AUTHOR, "note").status_code == 200
    form = _view(network_bot)
    assert form["callback_id"] == "highlight_note" and form["private_metadata"] == ""
    assert form["title"]["text"] == "Uusi nosto"
    inputs = {b["block_id"]: b for b in form["blocks"] if b["type"] == "input"}
    assert list(inputs) == ["year", "section", "priority", "text"]
    assert inputs["year"]["element"]["initial_option"]["value"] == "2025"
    sections = [o["text"]["text"] for o in inputs["section"]["element"]["options"]]
    assert sections[0] == "3. Lasten ja nuorten osallisuuden edistäminen" and len(sections) == 7
    priorities = [o["value"] for o in inputs["priority"]["element"]["options"]]
    assert priorities == ["none", "experience", "competence", "pluralism"]

    empty = {"year": _select("2025"), "section": _select("older_people"), "priority": _select("none")}
    refused = network_bot.submit(AUTHOR, form, {**empty, "text": _text("   ")}).json()
    assert refused["response_action"] == "errors" and "Kirjoita noston teksti" in refused["errors"]["text"]
    forged = network_bot.submit(AUTHOR, form, {**empty, "year": _select("2031"), "text": _text("x")}).json()
    assert list(forged["errors"]) == ["year"] and "2023–2025" in forged["errors"]["year"]
    assert _highlights(network_bot) == []

    values = {**empty, "priority": _select("pluralism"), "text": _text("Vanhusneuvostossa oli asiantuntija.")}
    assert network_bot.submit(AUTHOR, form, values).status_code == 200
    [saved] = _highlights(network_bot)
    assert (saved.year, saved.section, saved.priority_key, saved.author) == (
        2025,
        "older_people",
        "pluralism",
        AUTHOR,
    )
    assert saved.text == "Vanhusneuvostossa oli asiantuntija." and saved.plan_id == "sotepe-2023-2025"
    [entry] = _audit(network_bot, "highlight.add")
    assert entry.actor == AUTHOR and entry.entity == f"highlight:{saved.id}"


def test_a_highlight_on_one_line_and_its_refusals(network_bot: RunningBot) -> None:
    saved = texts(network_bot.reply(AUTHOR, 'note 6 "Uutiskirje kertoi osallisuudesta" priority=2'))
    assert "Nosto #1 tallennettu vuodelle 2025 osioon *6. Osallisuutta edistävä viestintä*" in saved
    texts(network_bot.reply(AUTHOR, "note next_period Uusi suunnitelma valmistellaan"))  # no quotes needed
    assert [(h.section, h.priority_key, h.text) for h in _highlights(network_bot)] == [
        ("communication", "competence", "Uutiskirje kertoi osallisuudesta"),
        ("next_period", None, "Uusi suunnitelma valmistellaan"),
    ]
    network_bot.reply(OTHER, "lang en")
    bad_section = texts(network_bot.reply(OTHER, 'note 12 "text"'))
    assert "There is no report section '12'" in bad_section and "`9` 9. Key tasks" in bad_section
    assert "There is no priority '7'" in texts(network_bot.reply(OTHER, 'note 3 "text" priority=7'))
    assert "2023–2025; 2026 is not" in texts(network_bot.reply(OTHER, 'note 3 "text" year=2026'))
    assert "needs its report section and its text" in texts(network_bot.reply(OTHER, "note 3"))
    assert "at most 3000 characters" in texts(network_bot.reply(OTHER, f'note 3 "{"x" * 3001}"'))
    assert len(_highlights(network_bot)) == 2


def test_the_author_or_a_coordinator_edits_and_the_earlier_text_is_kept(network_bot: RunningBot) -> None:
    network_bot.reply(AUTHOR, 'note 3 "Nuorisoneuvosto vieraili." priority=3')
    network_bot.reply(OTHER, "lang en")
    refused = texts(network_bot.reply(OTHER, 'note edit 1 "Someone else\'s words"'))
    assert "Only the highlight's author or a coordinator can edit highlight #1" in refused
    assert "There is no highlight 9" in texts(network_bot.reply(OTHER, 'note edit 9 "x"'))

    assert "päivitetty" in texts(
        network_bot.reply(AUTHOR, 'note edit 1 "Nuorisoneuvosto vieraili kahdesti."')
    )
    again = texts(network_bot.reply(AUTHOR, 'note edit 1 "Nuorisoneuvosto vieraili kahdesti."'))
    assert "Nostossa #1 lukee jo niin; mitään ei muutettu." in again  # and no version is added (below)

    assert network_bot.command(COORDINATOR, "note edit 1").status_code == 200
    form = _view(network_bot)
    assert form["private_metadata"] == "1" and form["title"]["text"] == "Muokkaa nostoa"
    inputs = {b["block_id"]: b for b in form["blocks"] if b["type"] == "input"}
    assert inputs["text"]["element"]["initial_value"] == "Nuorisoneuvosto vieraili kahdesti."
    assert inputs["section"]["element"]["initial_option"]["value"] == "children_youth"
    assert inputs["priority"]["element"]["initial_option"]["value"] == "pluralism"
    values = {
        "year": _select("2025"),
        "section": _select("foreign_language"),
        "priority": _select("none"),
        "text": _text("Nuorisoneuvosto ja monikielinen viestintä."),
    }
    assert network_bot.submit(COORDINATOR, form, values).status_code == 200

    [highlight] = _highlights(network_bot)
    assert (highlight.section, highlight.priority_key, highlight.author) == ("foreign_language", None, AUTHOR)
    assert highlight.text == "Nuorisoneuvosto ja monikielinen viestintä."
    versions: list[HighlightVersion] = highlight.versions
    assert [(v.text, v.section, v.priority_key, v.edited_by) for v in versions] == [
        ("Nuorisoneuvosto vieraili.", "children_youth", "pluralism", AUTHOR),
        ("Nuorisoneuvosto vieraili kahdesti.", "children_youth", "pluralism", COORDINATOR),
    ]
    edits = _audit(network_bot, "highlight.edit")
    assert [(e.actor, e.before["text"], e.after["text"]) for e in edits if e.before and e.after] == [
        (AUTHOR, "Nuorisoneuvosto vieraili.", "Nuorisoneuvosto vieraili kahdesti."),
        (COORDINATOR, "Nuorisoneuvosto vieraili kahdesti.", "Nuorisoneuvosto ja monikielinen viestintä."),
    ]


def test_notes_lists_the_years_highlights_by_section_with_author_and_date(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, 'note 8 "Järjestöyhteistyö puuttuu suunnitelmasta."')
    network_bot.reply(AUTHOR, 'note 3 "Nuorisoneuvosto vieraili." priority=3')
    network_bot.reply(AUTHOR, 'note 3 "Vuoden 2024 nosto." year=2024')
    network_bot.reply(AUTHOR, 'note edit 2 "Nuorisoneuvosto vieraili palveluissa."')
    shown = texts(network_bot.reply(OTHER, "notes"))
    assert "Highlights for the report, 2025" in shown
    children = shown.index("*3. Promoting the participation of children and young people*")
    deviations = shown.index("*8. Deviations, problems or risks*")
    assert children < deviations
    assert "#2 · 5.3.2025 · <@UFI00001> · _3. Strengthening pluralism_ · edited 5.3.2025" in shown
    assert "> Nuorisoneuvosto vieraili palveluissa." in shown
    assert "#1 · 5.3.2025 · <@UCOORD01>" in shown and "Vuoden 2024 nosto" not in shown
    assert "Vuoden 2024 nosto" in texts(network_bot.reply(OTHER, "notes 2024"))
    assert "2023–2025; 2031 is not" in texts(network_bot.reply(OTHER, "notes 2031"))
    assert "No highlights for 2023 yet" in texts(network_bot.reply(OTHER, "notes 2023"))
