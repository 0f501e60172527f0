"""the signed Slack requests already carried out, for replay protection

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('seen_requests',
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('digest')
    )
    op.create_index(op.f('ix_seen_requests_seen_at'), 'seen_requests', ['seen_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_seen_requests_seen_at'), table_name='seen_requests')
    op.drop_table('seen_requests')
