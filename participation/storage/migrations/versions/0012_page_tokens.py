"""plans.page_token: the secret in each plan's progress page link (GET /plan?token=…)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Added and filled in place: recreating `plans` (SQLite's way to change a column) would break the
    # foreign keys that point at it. SQLite keeps the column nullable; every plan row gets a token all the
    # same (the model's default), and PostgreSQL enforces it.
    op.add_column('plans', sa.Column('page_token', sa.String(length=64), nullable=True))
    plans = sa.table('plans', sa.column('id', sa.String), sa.column('page_token', sa.String))
    connection = op.get_bind()
    for (plan_id,) in connection.execute(sa.select(plans.c.id)).all():
        connection.execute(
            plans.update().where(plans.c.id == plan_id).values(page_token=secrets.token_urlsafe(24))
        )
    op.create_index('ix_plans_page_token', 'plans', ['page_token'], unique=True)
    if connection.dialect.name != 'sqlite':
        op.alter_column('plans', 'page_token', existing_type=sa.String(length=64), nullable=False)


def downgrade() -> None:
    op.drop_index('ix_plans_page_token', table_name='plans')
    op.execute('ALTER TABLE plans DROP COLUMN page_token')
