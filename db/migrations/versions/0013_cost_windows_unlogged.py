"""cost windows unlogged on PostgreSQL: every request charges its subject's window, and a
transaction that writes only unlogged tables commits without waiting for the write-ahead
log to reach the disk; a crash forgets the current minutes' spending (the table comes back
empty), which a rate limit can afford

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 09:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE cost_windows SET UNLOGGED')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE cost_windows SET LOGGED')
