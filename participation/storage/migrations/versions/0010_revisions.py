"""revisions: a number per area raised by every transaction that changes what the area shows

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    revisions = op.create_table(
        'revisions',
        sa.Column('area', sa.String(length=32), primary_key=True),
        sa.Column('number', sa.Integer(), nullable=False),
    )
    op.bulk_insert(revisions, [{'area': 'dashboard', 'number': 0}])


def downgrade() -> None:
    op.drop_table('revisions')
