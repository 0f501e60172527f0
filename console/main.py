"""The `osallisuus` console command: serve, shell, status, plan import and the other local tasks.

Each command imports what it uses when it runs, not this module: `serve`'s gunicorn master then holds
none of the app (its worker loads it), and every command starts without loading the others' libraries.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from config.logs import configure_logging
from config.settings import SettingsError
from console.context import database as _database
from console.context import settings as _settings
from console.person import person, purge
from console.plans import plan
from participation.i18n import LANGUAGES, translator


@click.group()
def cli() -> None:
    """Osallisuusbotti: the participation plan's yearly rhythm in Slack."""


@cli.command()
def serve() -> None:
    """Run the bot: HTTP on PORT (POST /slack/events, GET /healthz), Socket Mode if SLACK_APP_TOKEN is set."""
    from bot.server import serve as run

    settings = _settings()
    try:
        settings.require_slack()
    except SettingsError as error:
        raise click.ClickException(f"setting {error}") from None
    configure_logging(settings)
    run(settings)


@cli.command()
@click.option("--lang", "language", type=click.Choice(LANGUAGES), help="The language to start in.")
def shell(language: str | None) -> None:
    """Talk to the bot in this terminal, with a local stand-in for Slack."""
    # The stand-in is a development tool, left out of the wheel: a source checkout has it (./dev shell).
    try:
        from devtools.localslack.shell import run_shell
    except ImportError:
        raise click.ClickException(
            "the shell needs the development tools of a source checkout: run ./dev shell there"
        ) from None

    run_shell(_settings(), language)


@cli.command()
@click.argument("priority", type=int, required=False)
@click.option("--year", type=int, help="The reporting year (default: this year, within the plan's period).")
@click.option("--lang", "language", type=click.Choice(LANGUAGES), help="Default: DEFAULT_LANGUAGE.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
def status(priority: int | None, year: int | None, language: str | None, output: str) -> None:
    """The plan's status, as /osallisuus status shows it."""
    from bot.blocks import render
    from commands.status_dashboard import overview_reply, priority_reply
    from console.text import draw
    from participation.dashboard import StatusError, build_status
    from participation.storage.models import utcnow

    settings = _settings()
    language = language or settings.default_language
    _ = translator(language)
    db = _database(settings)
    try:
        with db.session() as session:
            view = build_status(session, language, utcnow(), settings.zone, year)
    except StatusError as error:
        raise click.ClickException(str(error)) from None
    chosen = None if priority is None else next((p for p in view.priorities if p.number == priority), None)
    if priority is not None and chosen is None:  # refused alike in text and json: a script sees exit 1
        raise click.ClickException(
            _("There is no priority {number}. The priorities are {numbers}.").format(
                number=priority, numbers=", ".join(str(p.number) for p in view.priorities)
            )
        )
    if output == "json":
        shown = view if chosen is None else view.model_copy(update={"priorities": [chosen]})
        click.echo(json.dumps(shown.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    reply = overview_reply(view, _) if chosen is None else priority_reply(view, chosen, _)
    click.echo(draw(render(reply, _, limit=10_000), numbered=False)[0])


@cli.command()
@click.option("--lang", "language", type=click.Choice(LANGUAGES), help="Default: DEFAULT_LANGUAGE.")
def page(language: str | None) -> None:
    """The progress pages' secret links (GET /plan?token=…), as /osallisuus page shows coordinators."""
    from commands.page import page_links, page_note

    settings = _settings()
    language = language or settings.default_language
    _ = translator(language)
    with _database(settings).session() as session:
        lines = page_links(session, settings, language, _)
    for line in lines:
        click.echo(line)
    click.echo(page_note(settings, _))


@cli.command()
@click.option("--year", type=int, help="The year to report on (default: the year being reported now).")
@click.option("--plan", "whole_plan", is_flag=True, help="Report on the plan's whole period instead.")
@click.option("--lang", "language", type=click.Choice(LANGUAGES), help="Default: DEFAULT_LANGUAGE.")
@click.option(
    "--format",
    "output",
    type=click.Choice(["docx", "html", "md", "csv", "xlsx"]),
    default="docx",
    show_default=True,
)
@click.option(
    "--output",
    "target_text",
    type=click.Path(),
    help="A file, or a folder: an existing one, or one ending in / that is made (default: here).",
)
def report(
    year: int | None, whole_plan: bool, language: str | None, output: str, target_text: str | None
) -> None:
    """Write the plan's follow-up report to a file, e.g. osallisuusraportti-2025-fi.docx.

    `--output reports/` writes reports/osallisuusraportti-2025-fi.docx, making the folder if needed;
    `--output raportti.docx` writes that file, in a folder that must exist."""
    from participation.reports.files import write_report_file
    from participation.reports.model import ReportError, ReportRequest
    from participation.storage.models import utcnow

    if year is not None and whole_plan:
        raise click.UsageError("give either --year or --plan, not both")
    target, made = _report_target(target_text)
    settings = _settings()
    language = language or settings.default_language
    db = _database(settings)
    try:
        written = write_report_file(
            db, ReportRequest(language, year, whole_plan), output, target, utcnow(), settings.zone
        )
    except ReportError as error:
        for folder in reversed(made):  # nothing is left behind by a report that could not be made
            folder.rmdir()
        raise click.ClickException(str(error)) from None
    click.echo(str(written))


def _report_target(text: str | None) -> tuple[Path | None, list[Path]]:
    """Where `--output` asks the report to go, and the folders made for it (outermost first).

    A path ending in a separator is a folder, made if missing; so is an existing folder. Anything else is
    the file itself, in a folder that must exist: a typo must not become a new folder or a file named
    like the folder the user meant."""
    if text is None:
        return None, []
    target = Path(text)
    if text.endswith(("/", os.sep)) or target.is_dir():
        if target.exists() and not target.is_dir():
            raise click.ClickException(f"not a folder: {target}")
        made = [folder for folder in (target, *target.parents) if not folder.exists()][::-1]
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise click.ClickException(f"cannot make the folder {target}: {error.strerror}") from None
        return target, made
    if not target.parent.is_dir():
        raise click.ClickException(
            f"no such folder: {target.parent} (end --output with / to have a folder made: {text}/)"
        )
    return target, []


@cli.command()
def migrate() -> None:
    """Bring the database schema up to date and load the bundled plans (serve does this too)."""
    _database(_settings())
    click.echo("database is up to date")


cli.add_command(plan)
cli.add_command(person)
cli.add_command(purge)


def main() -> None:
    try:
        cli(prog_name="osallisuus")
    except Exception as error:
        # A database that cannot be reached is said in one line, like click's own errors; anything else
        # is a bug, and keeps its traceback.
        problem = _database_problem(error)
        if problem is None:
            raise
        click.echo(f"Error: {problem}", err=True)
        sys.exit(1)


def _database_problem(error: Exception) -> str | None:
    if "sqlalchemy" not in sys.modules:  # nothing touched a database: not its error
        return None
    from bot.startup import database_problem

    return database_problem(error)


if __name__ == "__main__":
    main()
