"""What every console command starts from: the settings, and the database brought up to date."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from config.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from participation.storage.db import Database


def settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        raise click.ClickException(f"setting {error}") from None


def database(settings: Settings) -> Database:
    from participation.plan.importer import load_bundled_plans
    from participation.storage.db import Database

    db = Database(settings.database_url)
    db.upgrade()
    with db.session() as session:
        load_bundled_plans(session)
    return db
