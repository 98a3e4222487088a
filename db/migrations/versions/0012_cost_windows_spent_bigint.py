"""cost windows' spending as a 64-bit integer: a minute's total passed PostgreSQL's 32-bit
integer (about 2.1 billion) under a large per-minute budget, or under a flood of refused
requests (which are charged too), and every charge of that subject then failed as an
internal error instead of answering RATE_LIMITED

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 06:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('cost_windows', schema=None) as batch_op:
        batch_op.alter_column(
            'spent', existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False
        )


def downgrade() -> None:
    # Totals above the 32-bit range are kept at its largest value.
    op.execute('UPDATE cost_windows SET spent = 2147483647 WHERE spent > 2147483647')
    with op.batch_alter_table('cost_windows', schema=None) as batch_op:
        batch_op.alter_column(
            'spent', existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False
        )
