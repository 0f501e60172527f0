"""A stored plan written out again, as YAML or as a workbook, so that a coordinator can edit it and import
it back: importing the file unchanged changes nothing."""

from __future__ import annotations

import yaml
from sqlalchemy.orm import Session

from participation.plan.schema import Plan
from participation.storage.models import PlanRecord

FORMATS = ("xlsx", "yaml")


def stored_plan(session: Session, plan_id: str) -> Plan | None:
    record = session.get(PlanRecord, plan_id)
    return None if record is None else Plan.model_validate(record.document)


def plan_yaml(plan: Plan) -> str:
    data = plan.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def plan_file(plan: Plan, output: str) -> tuple[str, bytes]:
    """The file name and bytes of the plan in `output` (xlsx or yaml)."""
    if output == "yaml":
        return f"{plan.id}.yaml", plan_yaml(plan).encode("utf-8")
    from participation.plan.workbook import export_workbook  # openpyxl loads when a workbook is asked for

    return f"{plan.id}.xlsx", export_workbook(plan)
