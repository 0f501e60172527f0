"""The plan's tree as the dashboard reads it, kept per process: building ORM objects for every priority,
measure and indicator was a third of a `status` answer's time, yet the tree only changes when a plan is
imported again. Only `plan import` writes the tree, and it writes the plan's `document` with it, so
the cached tree stands for as long as the active plan's document is equal to the one it was built from.

The owners are what changes between imports (`/osallisuus owner`); they are read on every build, in one
statement that takes the place of the tree's, and remembered for the rest of the unit of work (a report
builds the status of several years in one session).
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, String, bindparam, event, select
from sqlalchemy.orm import Session

from participation.plan.progress import plan_tree
from participation.storage.models import IndicatorOwner, IndicatorRecord, PlanRecord, PriorityRecord


@dataclass(frozen=True)
class IndicatorNode:
    """What the dashboard needs of an indicator; read like an `IndicatorRecord` by the progress rules."""

    id: int
    key: str
    text: dict[str, str]
    kind: str
    target_min: float | None
    target_max: float | None
    computed: str | None
    retired: bool


@dataclass(frozen=True)
class MeasureNode:
    key: str
    scope: str
    title: dict[str, str]
    retired: bool
    indicators: tuple[IndicatorNode, ...]


@dataclass(frozen=True)
class PriorityNode:
    key: str
    number: int
    title: dict[str, str]
    retired: bool
    measures: tuple[MeasureNode, ...]


@dataclass(frozen=True)
class _Cached:
    plan_id: str
    document: dict[str, Any]
    tree: tuple[PriorityNode, ...]


_trees: weakref.WeakKeyDictionary[Engine, _Cached] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def tree_of(session: Session, plan: PlanRecord) -> tuple[PriorityNode, ...]:
    """The plan's priorities in order, retired ones included; read from the database only when this
    process has not seen this plan's document yet (the plan was imported again, or another engine)."""
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    cached = _trees.get(engine)
    if cached is not None and cached.plan_id == plan.id and cached.document == plan.document:
        return cached.tree
    records = plan_tree(session, plan)
    tree = tuple(_priority(priority) for priority in records)
    # The tree's statement read the owners too: this unit of work needs no statement of its own for them.
    _owners_memo(session)[plan.id] = {
        indicator.id: [owner.slack_user_id for owner in indicator.owners]
        for priority in records
        for measure in priority.measures
        for indicator in measure.indicators
        if indicator.owners
    }
    with _lock:
        _trees[engine] = _Cached(plan.id, plan.document, tree)
    return tree


def owners_of(session: Session, plan_id: str) -> dict[int, list[str]]:
    """Each indicator's owners in the order the bot shows them, in one statement per unit of work."""
    memo = _owners_memo(session)
    if plan_id not in memo:
        owners: dict[int, list[str]] = defaultdict(list)
        for indicator_id, user_id in session.execute(_OWNERS, {"plan": plan_id}).tuples():
            owners[indicator_id].append(user_id)
        memo[plan_id] = dict(owners)
    return memo[plan_id]


_MEMO = "participation.dashboard.owners"
# Built once: a statement object keeps its SQL cache key, so each use only binds the plan.
_OWNERS = (
    select(IndicatorOwner.indicator_id, IndicatorOwner.slack_user_id)
    .join(IndicatorRecord, IndicatorRecord.id == IndicatorOwner.indicator_id)
    .where(IndicatorRecord.plan_id == bindparam("plan", type_=String()))
    .order_by(IndicatorOwner.indicator_id, IndicatorOwner.slack_user_id)
)


def _owners_memo(session: Session) -> dict[str, dict[int, list[str]]]:
    memo: dict[str, dict[int, list[str]]] = session.info.setdefault(_MEMO, {})
    if session.new or session.dirty or session.deleted:
        memo.clear()  # a change not yet flushed: read it back as a query would, after flushing it
    return memo


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, *_args: object) -> None:
    """The owners may differ once the session wrote or its transaction ended."""
    session.info.pop(_MEMO, None)


def _priority(record: PriorityRecord) -> PriorityNode:
    measures = tuple(
        MeasureNode(
            key=measure.key,
            scope=measure.scope,
            title=dict(measure.title),
            retired=measure.retired,
            indicators=tuple(_indicator(indicator) for indicator in measure.indicators),
        )
        for measure in record.measures
    )
    return PriorityNode(record.key, record.number, dict(record.title), record.retired, measures)


def _indicator(record: IndicatorRecord) -> IndicatorNode:
    return IndicatorNode(
        id=record.id,
        key=record.key,
        text=dict(record.text),
        kind=record.kind,
        target_min=record.target_min,
        target_max=record.target_max,
        computed=record.computed,
        retired=record.retired,
    )
