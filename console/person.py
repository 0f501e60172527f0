"""`osallisuus person export|forget <user>` and `osallisuus purge`: a person's data, and its retention.

A person is named by their Slack user id (U…, W…) or an e-mail address (a network guest, or the address
the directory holds for someone in Slack)."""

from __future__ import annotations

import json
import re

import click

_PERSON = re.compile(r"^(?:[UW][A-Z0-9]{2,31}|[^\s@]+@[^\s@]+\.[^\s@]+)$")


def _who(value: str) -> str:
    value = value.strip()
    if not _PERSON.match(value) or len(value) > 320:
        raise click.BadParameter("give a Slack user id (U…, W…) or an e-mail address", param_hint="USER")
    return value


@click.group()
def person() -> None:
    """What the bot holds about a person: show it, or remove it."""


@person.command("export")
@click.argument("user")
def export_command(user: str) -> None:
    """Print everything the bot holds about USER as JSON (poll answers are anonymous: never included)."""
    from console.context import database, settings
    from participation.privacy.export import export

    who = _who(user)
    with database(settings()).session() as session:
        found = export(session, who)
    click.echo(json.dumps(found, ensure_ascii=False, indent=2, sort_keys=True))


@person.command("forget")
@click.argument("user")
@click.confirmation_option(prompt="Remove this person's data? It cannot be undone.")
def forget_command(user: str) -> None:
    """Remove USER's data; where the plan's record must stay, put a pseudonym in their place."""
    from console.context import database, settings
    from participation.privacy.forget import forget
    from participation.storage.models import utcnow

    who = _who(user)
    with database(settings()).session() as session:
        alias, counts = forget(session, who, "console", utcnow())
    if not counts:
        click.echo(f"Nothing is held about {who}.")
        return
    click.echo(f"Forgotten; the record now says {alias}.")
    for what, count in sorted(counts.items()):
        click.echo(f"  {what}: {count}")


@click.command()
def purge() -> None:
    """Purge personal data past its retention now, as the daily job does (README "Personal data")."""
    from console.context import database, settings
    from participation.privacy.retention import purge as run
    from participation.storage.models import utcnow

    found = settings()
    with database(found).session() as session:
        purged = run(session, found, utcnow())
    click.echo(
        f"Outbox bodies blanked: {purged.outbox_bodies}; people forgotten from the directory: "
        f"{purged.people}; audit entries made nameless: {purged.audit_entries}."
    )
