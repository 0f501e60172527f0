"""Storing a validated plan. Imports match records by their stable ids, so re-importing a file with edited
texts updates them in place and every confirmation recorded against an indicator stays attached to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from participation.plan.files import bundled_plan_files, load_plan_file
from participation.plan.schema import Indicator, Measure, Plan, PlanStatus, Priority
from participation.storage.models import (
    AuditEntry,
    IndicatorOwner,
    IndicatorRecord,
    MeasureRecord,
    PlanRecord,
    PriorityRecord,
)

_Node = TypeVar("_Node", PriorityRecord, MeasureRecord, IndicatorRecord)


@dataclass
class ImportResult:
    plan_id: str
    created: bool
    indicators_added: list[str] = field(default_factory=list)
    indicators_retired: list[str] = field(default_factory=list)
    active: bool = False


def import_plan(session: Session, plan: Plan, source_name: str, actor: str) -> ImportResult:
    record = session.get(PlanRecord, plan.id)
    before = None if record is None else {"document": record.document, "status": record.status}
    if record is None:
        record = PlanRecord(id=plan.id, active=False)
        session.add(record)
    record.status = plan.status.value
    record.title = plan.title.model_dump()
    record.period_start, record.period_end = plan.period.start, plan.period.end
    record.document = plan.model_dump(mode="json")
    record.source_name = source_name
    session.flush()
    result = ImportResult(plan_id=plan.id, created=before is None)
    _sync_tree(session, plan, result)
    session.add(
        AuditEntry(
            actor=actor,
            action="plan.import",
            entity=f"plan:{plan.id}",
            before=before,
            after={"document": record.document, "status": record.status},
        )
    )
    result.active = record.active
    return result


def _sync_tree(session: Session, plan: Plan, result: ImportResult) -> None:
    priorities = _existing(session, PriorityRecord, plan.id)
    measures = _existing(session, MeasureRecord, plan.id)
    indicators = _existing(session, IndicatorRecord, plan.id)
    for priority in plan.priorities:
        priority_record = _upsert_priority(session, plan.id, priority, priorities.pop(priority.id, None))
        for position, measure in enumerate(priority.measures):
            measure_record = _upsert_measure(
                session, plan.id, priority_record, position, measure, measures.pop(measure.id, None)
            )
            for place, indicator in enumerate(measure.indicators):
                existing = indicators.pop(indicator.id, None)
                if existing is None:
                    result.indicators_added.append(indicator.id)
                _upsert_indicator(session, plan.id, measure_record, place, indicator, existing)
    stale_nodes: list[PriorityRecord | MeasureRecord | IndicatorRecord] = [
        *priorities.values(),
        *measures.values(),
        *indicators.values(),
    ]
    for stale in stale_nodes:
        stale.retired = True
    result.indicators_retired = sorted(indicators)


def _existing(session: Session, model: type[_Node], plan_id: str) -> dict[str, _Node]:
    return {row.key: row for row in session.scalars(select(model).where(model.plan_id == plan_id))}


def _upsert_priority(
    session: Session, plan_id: str, priority: Priority, record: PriorityRecord | None
) -> PriorityRecord:
    if record is None:
        record = PriorityRecord(plan_id=plan_id, key=priority.id)
        session.add(record)
    record.number = priority.number
    record.title = priority.title.model_dump()
    record.goal = priority.goal.model_dump() if priority.goal else None
    record.retired = False
    session.flush()
    return record


def _upsert_measure(
    session: Session,
    plan_id: str,
    priority: PriorityRecord,
    position: int,
    measure: Measure,
    record: MeasureRecord | None,
) -> MeasureRecord:
    if record is None:
        record = MeasureRecord(plan_id=plan_id, key=measure.id)
        session.add(record)
    record.priority_id = priority.id
    record.scope = measure.scope.value
    record.position = position
    record.title = measure.title.model_dump()
    record.description = measure.description.model_dump() if measure.description else None
    record.retired = False
    session.flush()
    return record


def _upsert_indicator(
    session: Session,
    plan_id: str,
    measure: MeasureRecord,
    position: int,
    indicator: Indicator,
    record: IndicatorRecord | None,
) -> None:
    if record is None:
        record = IndicatorRecord(plan_id=plan_id, key=indicator.id)
        session.add(record)
    record.measure_id = measure.id
    record.position = position
    record.text = indicator.text.model_dump()
    record.kind = indicator.kind.value
    record.target_min = indicator.target.min if indicator.target else None
    record.target_max = indicator.target.max if indicator.target else None
    record.computed = indicator.computed.value if indicator.computed else None
    record.evidence_required = indicator.evidence_required
    record.retired = False
    session.flush()
    _sync_plan_owners(record, indicator.owners)


def _sync_plan_owners(record: IndicatorRecord, owners: tuple[str, ...]) -> None:
    """Owners named in the file replace the file's earlier owners; owners set in chat are kept."""
    kept = [owner for owner in record.owners if owner.source != "plan" or owner.slack_user_id in owners]
    present = {owner.slack_user_id for owner in kept}
    record.owners = kept + [
        IndicatorOwner(slack_user_id=user, source="plan") for user in owners if user not in present
    ]


def activate(session: Session, plan_id: str, actor: str) -> bool:
    """Make one plan the active one; the others stay readable. False if there is no such plan."""
    record = session.get(PlanRecord, plan_id)
    if record is None:
        return False
    previous = session.scalar(select(PlanRecord.id).where(PlanRecord.active.is_(True)))
    session.execute(update(PlanRecord).values(active=False))
    record.active = True
    session.add(
        AuditEntry(
            actor=actor,
            action="plan.activate",
            entity=f"plan:{plan_id}",
            before={"active": previous},
            after={"active": plan_id},
        )
    )
    return True


def load_bundled_plans(session: Session) -> list[str]:
    """Import the plans shipped with the bot that the database does not have yet.

    A plan already in the database is left alone, so a coordinator's own import of an edited file is not
    overwritten on the next start. With no active plan, the newest approved plan becomes active.
    """
    imported = []
    for path in bundled_plan_files():
        plan = load_plan_file(path)
        if session.get(PlanRecord, plan.id) is None:
            import_plan(session, plan, source_name=path.name, actor="system")
            imported.append(plan.id)
    if session.scalar(select(PlanRecord.id).where(PlanRecord.active.is_(True))) is None:
        newest = session.scalar(
            select(PlanRecord.id)
            .where(PlanRecord.status == PlanStatus.APPROVED.value)
            .order_by(PlanRecord.period_start.desc())
        )
        if newest is not None:
            activate(session, newest, actor="system")
    return imported
