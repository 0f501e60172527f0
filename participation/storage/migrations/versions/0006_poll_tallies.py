"""poll answers as counts per rating and comments under random keys

Each poll gets its five `poll_tallies` rows, counted from `poll_answers`; the comments move to
`poll_comments` under fresh random keys in a random order; `poll_answers` is dropped. The tokens that
people's messages carried match nothing afterwards, so a click on an old message is refused as "not one
of mine" (an open poll's first answers were counted and stay counted).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RATINGS = range(1, 6)


def upgrade() -> None:
    tallies = op.create_table('poll_tallies',
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('answers', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], ),
    sa.PrimaryKeyConstraint('poll_id', 'rating')
    )
    comments = op.create_table('poll_comments',
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], ),
    sa.PrimaryKeyConstraint('key')
    )
    with op.batch_alter_table('poll_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_comments_poll_id'), ['poll_id'], unique=False)
    with op.batch_alter_table('poll_recipients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('answer_version', sa.Integer(), server_default='0', nullable=False))

    bind = op.get_bind()
    counts = {
        (int(poll), int(rating)): int(count)
        for poll, rating, count in bind.execute(
            sa.text("SELECT poll_id, rating, COUNT(*) FROM poll_answers GROUP BY poll_id, rating")
        )
    }
    polls = [int(poll) for poll in bind.execute(sa.text("SELECT id FROM polls")).scalars()]
    rows = [
        {"poll_id": poll, "rating": rating, "answers": counts.get((poll, rating), 0)}
        for poll in polls
        for rating in RATINGS
    ]
    if rows:
        op.bulk_insert(tallies, rows)
    texts = [
        {"key": secrets.token_urlsafe(16), "poll_id": int(poll), "text": text}
        for poll, text in bind.execute(
            sa.text("SELECT poll_id, comment FROM poll_answers WHERE comment IS NOT NULL AND comment <> ''")
        )
    ]
    secrets.SystemRandom().shuffle(texts)
    if texts:
        op.bulk_insert(comments, texts)

    with op.batch_alter_table('poll_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_poll_answers_poll_id'))
    op.drop_table('poll_answers')


def downgrade() -> None:
    """Back to one row per answer, each under a fresh token; the comments go with answers picked at
    random, since which answer a comment belonged to was never kept."""
    answers = op.create_table('poll_answers',
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], ),
    sa.PrimaryKeyConstraint('token')
    )
    with op.batch_alter_table('poll_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_answers_poll_id'), ['poll_id'], unique=False)
    bind = op.get_bind()
    rows: dict[int, list[dict[str, object]]] = {}
    for poll, rating, count in bind.execute(sa.text("SELECT poll_id, rating, answers FROM poll_tallies")):
        rows.setdefault(int(poll), []).extend(
            {"token": secrets.token_urlsafe(24), "poll_id": int(poll), "rating": int(rating), "comment": None}
            for _ in range(int(count))
        )
    for poll, text in bind.execute(sa.text("SELECT poll_id, text FROM poll_comments")):
        free = [row for row in rows.get(int(poll), []) if row["comment"] is None]
        if free:
            free[0]["comment"] = text
    flat = [row for found in rows.values() for row in found]
    secrets.SystemRandom().shuffle(flat)
    if flat:
        op.bulk_insert(answers, flat)

    with op.batch_alter_table('poll_recipients', schema=None) as batch_op:
        batch_op.drop_column('answer_version')
    with op.batch_alter_table('poll_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_poll_comments_poll_id'))
    op.drop_table('poll_comments')
    op.drop_table('poll_tallies')
