"""plan_uploads: a plan file shared with the bot, waiting for its coordinator's confirm button

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'plan_uploads',
        sa.Column('key', sa.String(length=32), primary_key=True),
        sa.Column('slack_user_id', sa.String(length=32), nullable=False),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index('ix_plan_uploads_slack_user_id', 'plan_uploads', ['slack_user_id'])


def downgrade() -> None:
    op.drop_index('ix_plan_uploads_slack_user_id', table_name='plan_uploads')
    op.drop_table('plan_uploads')
