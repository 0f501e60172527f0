"""Alembic's entry point: runs migrations on the engine the application hands over."""

from alembic import context
from sqlalchemy import Engine

from participation.storage.models import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through storage.db.Database.upgrade")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # APScheduler's table is created by migration 0002 but defined by APScheduler, not our models.
        include_name=lambda name, kind, _parent: not (kind == "table" and name == "apscheduler_jobs"),
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
