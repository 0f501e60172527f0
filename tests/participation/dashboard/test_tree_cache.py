"""The dashboard keeps the plan's tree between answers; what it shows still follows every change: a plan
imported again, owners added or removed in chat, in another unit of work or the same one."""

from __future__ import annotations

from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from participation.confirmations.owners import add_owners, remove_owners
from participation.dashboard import IndicatorView, build_status
from participation.plan.files import BUNDLED, parse_plan
from participation.plan.importer import import_plan
from participation.storage.db import Database
from participation.storage.models import IndicatorRecord
from tests.support.clock import HELSINKI, helsinki

NOW = helsinki(2025, 11, 3, 10)
KEY = "survey-realised"


def _shown(session: Session) -> IndicatorView:
    view = build_status(session, "en", NOW, HELSINKI, 2025)
    [found] = [i for p in view.priorities for m in p.measures for i in m.indicators if i.id == KEY]
    return found


def _indicator(session: Session) -> IndicatorRecord:
    return session.scalars(select(IndicatorRecord).where(IndicatorRecord.key == KEY)).one()


def _reimport(db: Database, text: str | None) -> None:
    """The bundled plan imported again with the indicator's English text changed, or without it."""
    data = yaml.safe_load((BUNDLED / "sotepe-2023-2025.yaml").read_text(encoding="utf-8"))
    for priority in data["priorities"]:
        for measure in priority["measures"]:
            items: list[dict[str, Any]] = measure.get("indicators", [])
            for item in list(items):
                if item["id"] == KEY and text is None:
                    items.remove(item)
                elif item["id"] == KEY:
                    item["text"]["en"] = text
    plan = parse_plan(yaml.safe_dump(data, allow_unicode=True), "edited.yaml")
    with db.session() as session:
        import_plan(session, plan, "edited.yaml", actor="UCOORD01")


def test_a_plan_imported_again_shows_at_once(db: Database) -> None:
    with db.session() as session:
        before = _shown(session).text
    _reimport(db, "The survey is done")
    with db.session() as session:
        assert _shown(session).text == "The survey is done" != before
    _reimport(db, None)  # the indicator is retired: it leaves the dashboard
    with db.session() as session:
        view = build_status(session, "en", NOW, HELSINKI, 2025)
        assert KEY not in {i.id for p in view.priorities for m in p.measures for i in m.indicators}


def test_owners_changed_in_chat_show_at_once(db: Database) -> None:
    with db.session() as session:
        owners = _shown(session).owners
    with db.session() as session:
        add_owners(session, _indicator(session), ["UNEW0001"], "UCOORD01", NOW)
    with db.session() as session:
        assert _shown(session).owners == sorted([*owners, "UNEW0001"])
        # In the same unit of work, as a report or a command that changes and then shows does.
        remove_owners(session, _indicator(session), ["UNEW0001"], "UCOORD01", NOW)
        assert _shown(session).owners == owners
        add_owners(session, _indicator(session), ["UNEW0002"], "UCOORD01", NOW)
        assert _shown(session).owners == sorted([*owners, "UNEW0002"])
