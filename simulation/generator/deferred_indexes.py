"""Secondary indexes, and on PostgreSQL foreign keys, built once after the load instead of
maintained row by row while it runs.

The migrations own the schema; the generator only takes part of it down for the load and
puts it back exactly as it was, inside the load's transaction, so that a failed seed leaves
the schema (and no rows) as it found it:

- SQLite: the `CREATE INDEX` statements of the loaded tables, as `sqlite_master` holds
  them, are dropped and run again afterwards (same names, same text). The indexes that
  belong to a table's own constraints (`sqlite_autoindex_…`: primary and unique keys
  declared with the table) cannot be dropped and stay, and so do the foreign keys, which
  SQLite keeps in the table's definition;
- PostgreSQL: the loaded tables' foreign keys and the indexes that back no constraint are
  dropped and made again from `pg_get_constraintdef` and `pg_get_indexdef`. Primary keys
  and unique constraints stay (other tables' foreign keys may reference them).

A unique index recreated over rows that break it fails, and so does a foreign key over a
row naming no parent: the seed fails with it and its transaction rolls back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Table, text
from sqlalchemy.ext.asyncio import AsyncConnection

# PostgreSQL's memory for each index build and foreign-key check of the restore (the
# server's, not the generator's): the default 64 MB sorts the larger tables on disk.
MAINTENANCE_WORK_MEM = "256MB"


@dataclass
class DeferredIndexes:
    """The definitions taken down by `drop`, put back by `restore`."""

    connection: AsyncConnection
    tables: list[Table]
    # (name, definition) of each index; (table, name, definition) of each foreign key.
    indexes: list[tuple[str, str]] = field(default_factory=list)
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)
    dropped: bool = False

    async def drop(self) -> None:
        names = [table.name for table in self.tables]
        if self.connection.dialect.name == "postgresql":
            await self._read_postgres(names)
        else:
            await self._read_sqlite(names)
        quote = self.connection.dialect.identifier_preparer.quote
        for table, name, _ in self.foreign_keys:
            await self.connection.execute(
                text(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
            )
        for name, _ in self.indexes:
            await self.connection.execute(text(f"DROP INDEX {quote(name)}"))
        self.dropped = True

    async def restore(self) -> None:
        """Build the indexes again, then the foreign keys (checked against the rows)."""
        if not self.dropped:
            return
        self.dropped = False
        quote = self.connection.dialect.identifier_preparer.quote
        if self.connection.dialect.name == "postgresql":
            await self.connection.execute(
                text(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
            )
        for _, definition in self.indexes:
            await self.connection.execute(text(definition))
        for table, name, definition in self.foreign_keys:
            await self.connection.execute(
                text(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
            )

    async def _read_sqlite(self, names: list[str]) -> None:
        rows = await self.connection.execute(
            text(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'"
                " AND sql IS NOT NULL ORDER BY name"
            )
        )
        wanted = set(names)
        self.indexes = [(row[0], row[2]) for row in rows if row[1] in wanted]

    async def _read_postgres(self, names: list[str]) -> None:
        # An index that backs a constraint, or that another table's foreign key
        # references (conindid), stays.
        rows = await self.connection.execute(
            text(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x"
                " JOIN pg_class i ON i.oid = x.indexrelid"
                " JOIN pg_class t ON t.oid = x.indrelid"
                " WHERE t.relnamespace = current_schema()::regnamespace"
                " AND t.relname = ANY(:tables)"
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)"
                " ORDER BY i.relname"
            ),
            {"tables": names},
        )
        self.indexes = [(row[0], row[1]) for row in rows]
        rows = await self.connection.execute(
            text(
                "SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c"
                " JOIN pg_class t ON t.oid = c.conrelid"
                " WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace"
                " AND t.relname = ANY(:tables)"
                " ORDER BY t.relname, c.conname"
            ),
            {"tables": names},
        )
        self.foreign_keys = [(row[0], row[1], row[2]) for row in rows]
