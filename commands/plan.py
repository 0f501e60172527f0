"""`plan [list | export <plan> [xlsx | yaml] | import | activate <plan>]`: the plans, for coordinators.

`plan` lists the plans and marks the active one; `export` sends the plan as a workbook (or YAML) to the
coordinator's direct messages; `import` checks the plan file they last shared with the bot there and
asks them to confirm (commands/plan_import.py); `activate` moves the bot to another plan, the others
staying readable, their reports still written with `report`.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select

from commands.context import Invocation
from commands.meeting import coordinators_only
from commands.plan_import import import_check
from commands.working import working
from participation.i18n import Gettext
from participation.messages import Reply, Section, notice
from participation.outbox.items import Kind, enqueue
from participation.outbox.items import file as shared_file
from participation.plan.export import FORMATS, plan_file, stored_plan
from participation.plan.importer import activate
from participation.storage.models import PlanRecord


def plan(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    if not invocation.is_coordinator:
        return coordinators_only(_)
    action, rest = (args[0].lower(), args[1:]) if args else ("list", [])
    if action == "list" and not rest:
        return plan_list(invocation)
    if action == "export" and rest:
        return export(invocation, rest)
    if action == "import" and not rest:
        return import_check(invocation)
    if action == "activate" and len(rest) == 1:
        return activate_plan(invocation, rest[0])
    return notice(usage(_), error=True)


def usage(_: Gettext) -> str:
    return _(
        "Use: `/osallisuus plan` (the plans), `/osallisuus plan export <plan> [xlsx | yaml]`, "
        "`/osallisuus plan import` (after sharing the workbook with me in a direct message) or "
        "`/osallisuus plan activate <plan>`."
    )


def plan_list(invocation: Invocation) -> Reply:
    _ = invocation._
    with invocation.db.session() as session:
        records = session.scalars(select(PlanRecord).order_by(PlanRecord.period_start)).all()
        lines = [_line(record, _, invocation.language) for record in records]
    if not lines:
        return notice(_("There are no plans yet."))
    return Reply([Section(_("*The plans* (the active one is marked ▶):") + "\n" + "\n".join(lines))])


def _line(record: PlanRecord, _: Gettext, language: str) -> str:
    title = str(record.title.get(language) or record.title.get("fi") or record.id)
    status = _("approved") if record.status == "approved" else _("draft")
    mark = "▶" if record.active else "•"
    return f"{mark} `{record.id}` {title} ({record.period_start.year}–{record.period_end.year}, {status})"


def _unknown(invocation: Invocation, plan_id: str) -> Reply:
    return notice(
        invocation._("There is no plan “{plan}”. `/osallisuus plan` lists them.").format(plan=plan_id),
        error=True,
    )


def export(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    plan_id, output = args[0], (args[1].lower().lstrip(".") if len(args) > 1 else "xlsx")
    output = "yaml" if output == "yml" else output
    if len(args) > 2 or output not in FORMATS:
        return notice(usage(_), error=True)
    with invocation.db.session() as session:
        if stored_plan(session, plan_id) is None:
            return _unknown(invocation, plan_id)
    return working(invocation, lambda: _send(invocation, plan_id, output))


def _send(invocation: Invocation, plan_id: str, output: str) -> Reply:
    """The file, made and queued for the coordinator's direct messages in one transaction."""
    _ = invocation._
    with invocation.db.session() as session:
        parsed = stored_plan(session, plan_id)
        if parsed is None:
            return _unknown(invocation, plan_id)
        filename, content = plan_file(parsed, output)
        payload = shared_file(
            invocation.user_id,
            filename,
            content,
            filename,
            _(
                "The plan {plan}: edit it and share it with me here, then send `/osallisuus plan import`."
            ).format(plan=plan_id),
        )
        key = f"plan-export:{invocation.user_id}:{uuid.uuid4().hex}"
        enqueue(session, key, Kind.FILE, payload, not_before=invocation.now())
    invocation.on_commit()
    return notice(_("The plan is on its way to your direct messages: `{file}`.").format(file=filename))


def activate_plan(invocation: Invocation, plan_id: str) -> Reply:
    _ = invocation._
    with invocation.db.session() as session:
        if not activate(session, plan_id, actor=invocation.user_id):
            return _unknown(invocation, plan_id)
    invocation.on_commit()
    return notice(
        _(
            "{plan} is now the active plan: status, reminders, the report and the web page follow it. "
            "The other plans stay readable, and their reports can still be written."
        ).format(plan=plan_id)
    )
