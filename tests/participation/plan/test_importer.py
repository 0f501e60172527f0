"""Importing a plan is idempotent and never loses what was recorded against it."""

from __future__ import annotations

import yaml
from sqlalchemy import func, select

from participation.plan.files import BUNDLED, parse_plan
from participation.plan.importer import activate, import_plan, load_bundled_plans
from participation.plan.progress import active_plan
from participation.storage.db import Database
from participation.storage.models import AuditEntry, Confirmation, IndicatorRecord, PlanRecord

CURRENT = BUNDLED / "sotepe-2023-2025.yaml"


def _edited(change: object) -> object:
    data = yaml.safe_load(CURRENT.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    return parse_plan(yaml.safe_dump(data, allow_unicode=True), "edited.yaml")


def test_bundled_plans_load_once_and_the_approved_one_is_active(empty_database_url: str) -> None:
    db = Database(empty_database_url)
    db.upgrade()
    with db.session() as session:
        assert sorted(load_bundled_plans(session)) == ["sotepe-2023-2025", "sotepe-2026-2029"]
    with db.session() as session:
        assert load_bundled_plans(session) == []
        plan = active_plan(session)
        assert plan is not None and plan.id == "sotepe-2023-2025"
        assert (
            session.scalar(select(func.count()).select_from(IndicatorRecord)) == 36 + 2
        )  # the 2026–2029 draft carries the two computed network indicators over
    db.dispose()


def test_reimporting_an_edited_file_keeps_every_confirmation(db: Database) -> None:
    with db.session() as session:
        load_bundled_plans(session)
        indicator = session.scalars(
            select(IndicatorRecord).where(IndicatorRecord.key == "survey-realised")
        ).one()
        session.add(
            Confirmation(
                indicator_id=indicator.id,
                year=2024,
                value_bool=True,
                evidence="Kysely tehty",
                confirmed_by="UFI00001",
            )
        )
        indicator_id = indicator.id

    def retext(data: dict) -> None:  # type: ignore[type-arg]
        for measure in data["priorities"][1]["measures"]:
            for item in measure["indicators"]:
                if item["id"] == "survey-realised":
                    item["text"]["en"] = "The survey has been carried out"

    for _ in range(2):  # twice: the second import changes nothing more
        with db.session() as session:
            result = import_plan(session, _edited(retext), "edited.yaml", actor="UCOORD01")  # type: ignore[arg-type]
            assert not result.created and result.indicators_added == [] and result.indicators_retired == []
    with db.session() as session:
        indicator = session.get(IndicatorRecord, indicator_id)
        assert indicator is not None and indicator.text["en"] == "The survey has been carried out"
        [kept] = indicator.confirmations
        assert (kept.year, kept.value_bool, kept.evidence) == (2024, True, "Kysely tehty")
        assert session.scalar(select(func.count()).select_from(IndicatorRecord)) == 36 + 2
        audits = session.scalars(select(AuditEntry).where(AuditEntry.actor == "UCOORD01")).all()
        assert [a.action for a in audits] == ["plan.import", "plan.import"]
        assert audits[0].before is not None and audits[0].after is not None


def test_an_indicator_dropped_from_the_file_is_retired_with_its_records(db: Database) -> None:
    with db.session() as session:
        load_bundled_plans(session)
        indicator = session.scalars(
            select(IndicatorRecord).where(IndicatorRecord.key == "survey-realised")
        ).one()
        session.add(Confirmation(indicator_id=indicator.id, year=2024, value_bool=False, confirmed_by="U1"))

    def drop(data: dict) -> None:  # type: ignore[type-arg]
        for measure in data["priorities"][1]["measures"]:
            measure["indicators"] = [i for i in measure["indicators"] if i["id"] != "survey-realised"]

    with db.session() as session:
        result = import_plan(session, _edited(drop), "edited.yaml", actor="console")  # type: ignore[arg-type]
        assert result.indicators_retired == ["survey-realised"]
    with db.session() as session:
        retired = session.scalars(
            select(IndicatorRecord).where(IndicatorRecord.key == "survey-realised")
        ).one()
        assert retired.retired and len(retired.confirmations) == 1


def test_one_plan_is_active_and_the_others_stay_readable(db: Database) -> None:
    with db.session() as session:
        load_bundled_plans(session)
        assert activate(session, "sotepe-2026-2029", actor="console")
        assert not activate(session, "no-such-plan", actor="console")
    with db.session() as session:
        plans = {p.id: p for p in session.scalars(select(PlanRecord))}
        assert [p for p in plans if plans[p].active] == ["sotepe-2026-2029"]
        assert len(plans["sotepe-2023-2025"].priorities) == 3
