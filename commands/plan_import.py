"""`plan import` and its confirm button: a plan file the coordinator shared with the bot in a direct
message is checked and summarised (added, changed, retired), and imported only when they confirm.

The button carries the key of the stored file (participation/plan/uploads.py), not the file; the import
reads it again, for the same coordinator, once, and is audited like any other (`plan.import`, by them).
"""

from __future__ import annotations

from commands.context import Invocation
from commands.ids import IMPORT_ACTION
from commands.meeting import coordinators_only
from participation.i18n import Gettext
from participation.messages import Actions, Button, Part, Reply, Section, notice
from participation.plan.changes import PlanChanges, plan_changes
from participation.plan.importer import import_plan
from participation.plan.uploads import latest_upload, pending_upload, read_plan_upload
from participation.plan.workbook_read import WorkbookError

_SHOWN = 15  # ids listed per kind of change; the rest are counted


def import_check(invocation: Invocation) -> Reply:
    _ = invocation._
    with invocation.db.session() as session:
        upload = latest_upload(session, invocation.user_id, invocation.now())
        if upload is None:
            return notice(
                _(
                    "I have no plan file from you. Share the workbook (.xlsx) with me in our direct "
                    "messages, then send `/osallisuus plan import` again."
                ),
                error=True,
            )
        try:
            parsed = read_plan_upload(upload.filename, upload.content, _)
        except WorkbookError as error:
            return _refused(_, upload.filename, error)
        changes = plan_changes(session, parsed)
        key, filename = upload.key, upload.filename
    if changes.nothing:
        return notice(
            _("`{file}` is the same as the stored plan {plan}: nothing to import.").format(
                file=filename, plan=changes.plan_id
            )
        )
    parts: list[Part] = [
        Section(summary(changes, filename, _)),
        Actions((Button(_("Import"), IMPORT_ACTION, key, primary=True),)),
    ]
    return Reply(parts)


def _refused(_: Gettext, filename: str, error: WorkbookError) -> Reply:
    head = _("`{file}` was not imported; nothing was changed. Correct these and share it again:").format(
        file=filename
    )
    return notice(head + "\n" + "\n".join(error.lines[:40]), error=True)


def summary(changes: PlanChanges, filename: str, _: Gettext) -> str:
    if changes.new_plan:
        head = _(
            "`{file}` is a new plan, {plan}, with {count} priorities, measures and indicators. "
            "It is a draft until you activate it."
        )
    else:
        head = _("`{file}` would change the plan {plan}:")
    lines = [head.format(file=filename, plan=changes.plan_id, count=len(changes.added))]
    if changes.plan_fields_changed:
        lines.append("• " + _("the plan's own details (name, period, decision, laws or deadlines)"))
    if not changes.new_plan:
        for label, ids in (
            (_("added"), changes.added),
            (_("changed"), changes.changed),
            (_("retired, kept with their records"), changes.retired),
        ):
            if ids:
                shown = ", ".join(f"`{key}`" for key in ids[:_SHOWN])
                more = _(" and {count} more").format(count=len(ids) - _SHOWN) if len(ids) > _SHOWN else ""
                lines.append(f"• {label} ({len(ids)}): {shown}{more}")
    lines.append(
        _("Recorded confirmations stay with their indicators. Nothing changes until you press Import.")
    )
    return "\n".join(lines)


def confirm_import(invocation: Invocation, key: str) -> Reply:
    _ = invocation._
    if not invocation.is_coordinator:
        return coordinators_only(_)
    with invocation.db.session() as session:
        upload = pending_upload(session, key, invocation.user_id)
        if upload is None:
            return notice(
                _(
                    "This import was done already or is no longer waiting. "
                    "Send `/osallisuus plan import` again."
                ),
                error=True,
            )
        try:
            parsed = read_plan_upload(upload.filename, upload.content, _)
        except WorkbookError as error:
            return _refused(_, upload.filename, error)
        result = import_plan(session, parsed, source_name=upload.filename, actor=invocation.user_id)
        upload.imported_at = invocation.now()
    invocation.on_commit()
    verb = _("created, as a draft until activated") if result.created else _("updated")
    text = _("The plan {plan} was {verb}.").format(plan=parsed.id, verb=verb)
    if not result.active:
        text += " " + _("To move the bot to it, send `/osallisuus plan activate {plan}`.").format(
            plan=parsed.id
        )
    return notice(text)
