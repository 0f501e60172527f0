"""`osallisuus plan import|export|list|activate`: the plans in the database, to and from files."""

from __future__ import annotations

from pathlib import Path

import click

from console.context import database as _database
from console.context import settings as _settings
from participation.i18n import translator


@click.group()
def plan() -> None:
    """The plans: import (YAML or an Excel workbook), export, list, activate."""


@plan.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--activate/--no-activate", "make_active", default=False, help="Make this the active plan.")
def plan_import(file: Path, make_active: bool) -> None:
    """Import (or re-import) a plan file, .yaml or .xlsx. Recorded confirmations are kept."""
    from participation.plan.importer import activate, import_plan
    from participation.plan.uploads import read_plan_upload
    from participation.plan.workbook_read import WorkbookError

    try:
        parsed = read_plan_upload(file.name, file.read_bytes(), translator("en"))
    except OSError as error:
        raise click.ClickException(f"{file}: cannot be read: {error.strerror or error}") from None
    except WorkbookError as error:
        raise click.ClickException(f"{file} was not imported; nothing was changed:\n" + str(error)) from None
    db = _database(_settings())
    with db.session() as session:
        result = import_plan(session, parsed, source_name=file.name, actor="console")
        if make_active:
            activate(session, parsed.id, actor="console")
    verb = "created" if result.created else "updated"
    click.echo(f"plan {parsed.id} {verb}: {len(parsed.indicators())} indicators")
    if result.indicators_added and not result.created:
        click.echo("  new indicators: " + ", ".join(result.indicators_added))
    if result.indicators_retired:
        click.echo(
            "  no longer in the file (kept, with their records): " + ", ".join(result.indicators_retired)
        )
    if make_active:
        click.echo(f"  {parsed.id} is now the active plan")


@plan.command("export")
@click.argument("plan_id")
@click.option("--format", "output", type=click.Choice(["xlsx", "yaml"]), default="xlsx", show_default=True)
@click.option(
    "-o", "--output-file", "target", type=click.Path(path_type=Path), help="Default: <plan>.<format>."
)
def plan_export(plan_id: str, output: str, target: Path | None) -> None:
    """Write a plan as an Excel workbook (to edit and import back) or as YAML."""
    from participation.plan.export import plan_file, stored_plan

    db = _database(_settings())
    with db.session() as session:
        parsed = stored_plan(session, plan_id)
    if parsed is None:
        raise click.ClickException(f"no plan {plan_id!r}; see `osallisuus plan list`")
    filename, content = plan_file(parsed, output)
    written = target or Path(filename)
    written.write_bytes(content)
    click.echo(str(written))


@plan.command("list")
def plan_list() -> None:
    """The plans in the database; the active one is marked with *."""
    from participation.storage.models import PlanRecord

    db = _database(_settings())
    with db.session() as session:
        for record in session.query(PlanRecord).order_by(PlanRecord.period_start):
            mark = "*" if record.active else " "
            click.echo(f"{mark} {record.id}  {record.status:8}  {record.period_start}–{record.period_end}")


@plan.command("activate")
@click.argument("plan_id")
def plan_activate(plan_id: str) -> None:
    """Make another plan the active one; the others stay readable."""
    from participation.plan.importer import activate

    db = _database(_settings())
    with db.session() as session:
        if not activate(session, plan_id, actor="console"):
            raise click.ClickException(f"no plan {plan_id!r}; see `osallisuus plan list`")
    click.echo(f"{plan_id} is now the active plan")
