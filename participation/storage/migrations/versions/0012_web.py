"""plans.page_token: the secret in each plan's progress page link (GET /plan?token=…)

Revision ID: 0012_web
Revises: 0010
Create Date: 2026-12-05
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012_web'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('plans', sa.Column('page_token', sa.String(length=64), nullable=True))
    plans = sa.table('plans', sa.column('id', sa.String), sa.column('page_token', sa.String))
    connection = op.get_bind()
    for (plan_id,) in connection.execute(sa.select(plans.c.id)).all():
        connection.execute(
            plans.update().where(plans.c.id == plan_id).values(page_token=secrets.token_urlsafe(24))
        )
    with op.batch_alter_table('plans') as batch:
        batch.alter_column('page_token', existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint('uq_plans_page_token', ['page_token'])


def downgrade() -> None:
    with op.batch_alter_table('plans') as batch:
        batch.drop_constraint('uq_plans_page_token', type_='unique')
        batch.drop_column('page_token')
