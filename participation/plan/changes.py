"""What importing a plan would change, by stable id: the summary a coordinator reads before confirming."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from participation.plan.export import stored_plan
from participation.plan.schema import Plan


@dataclass
class PlanChanges:
    plan_id: str
    new_plan: bool
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    plan_fields_changed: bool = False

    @property
    def nothing(self) -> bool:
        return not (self.new_plan or self.added or self.changed or self.retired or self.plan_fields_changed)


def plan_changes(session: Session, plan: Plan) -> PlanChanges:
    old = stored_plan(session, plan.id)
    new_nodes = _nodes(plan)
    if old is None:
        return PlanChanges(plan.id, True, added=list(new_nodes))
    old_nodes = _nodes(old)
    return PlanChanges(
        plan.id,
        False,
        added=[key for key in new_nodes if key not in old_nodes],
        changed=[key for key, node in new_nodes.items() if key in old_nodes and old_nodes[key] != node],
        retired=[key for key in old_nodes if key not in new_nodes],
        plan_fields_changed=_own(old) != _own(plan),
    )


def _own(plan: Plan) -> dict[str, Any]:
    return plan.model_dump(exclude={"priorities"})


def _nodes(plan: Plan) -> dict[str, dict[str, Any]]:
    """Every priority, measure and indicator by id: its own fields and what it sits under."""
    nodes: dict[str, dict[str, Any]] = {}
    for priority in plan.priorities:
        nodes[priority.id] = priority.model_dump(exclude={"measures"})
        for measure in priority.measures:
            nodes[measure.id] = {**measure.model_dump(exclude={"indicators"}), "under": priority.id}
            for indicator in measure.indicators:
                nodes[indicator.id] = {**indicator.model_dump(), "under": measure.id}
    return nodes
