"""A validated query operation walked into one SQL statement per root field.

Every field must be one resolvers/compiled/catalog.py knows, with arguments the compiler
handles, and readable by the viewer without an error; otherwise NotCompiled, and the whole
operation runs through the resolvers. Fields are collected as execution collects them
(aliases, fragments, @skip/@include), with schema/cost.py's collector.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import (
    FieldNode,
    GraphQLField,
    GraphQLObjectType,
    GraphQLSchema,
    get_argument_values,
    get_named_type,
)
from sqlalchemy import literal_column

from resolvers.accounts.viewer import Viewer
from resolvers.compiled import catalog
from resolvers.compiled.builder import Builder, Getter, Inputs, NotCompiled
from resolvers.compiled.dialect import Dialect, quote
from resolvers.compiled.masking import masked, shows, viewer_shape
from resolvers.compiled.rules import rule_term, ruled
from resolvers.domains import REGISTRY
from resolvers.global_ids import decode, decode_as, key_of
from resolvers.loaders.organization import rollup_source
from resolvers.nodes import TYPE_NAMES
from resolvers.organization.tree import LEVELS
from resolvers.paging import DEFAULT_PAGE_SIZE, NEWEST_FIRST, Ordering, SortField, decode_cursor
from resolvers.permissions import can_read
from resolvers.validation import search_term
from schema.cost import Coster, Fields
from schema.node import MAX_NODES

SECRETARY = "SECRETARY"


@dataclass(frozen=True)
class Statement:
    """One root field's SQL and the getters of its parameters, in placeholder order."""

    key: str
    sql: str
    params: tuple[Getter, ...]
    # node/nodes: a missing object is the resolvers' NOT_FOUND error, so a null (or a
    # null item) sends the request to them.
    nulls_fall_back: bool = False
    # The answer is read and written again, so that it comes out as the resolvers write
    # it, when it holds doubles (SQLite writes them with 17 digits, its own JSON keeping
    # 15; PostgreSQL writes exponents as 1e-07) or a JSON column's text as it was stored
    # (spaced, non-ASCII escaped as \uXXXX).
    reparse: bool = False


def _readable(viewer: Viewer, type_name: str, rows: bool = False) -> None:
    """Reading the type must succeed without an error; a type with a row rule is read
    only where the rule goes into the SQL (`rows`: a connection's rows)."""
    rule = REGISTRY.reads.get(type_name)
    if rule is None or (rule.rows is not None and not rows) or not can_read(viewer, type_name):
        raise NotCompiled(f"{type_name} is not compiled for this viewer")


class Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        coster: Coster,
        viewer: Viewer,
        dialect: Dialect,
        offset: int = 0,
    ) -> None:
        self.schema = schema
        self.coster = coster
        self.viewer = viewer
        self.dialect = dialect
        self.b = Builder(dialect, offset=offset)
        # Rows whose to-one parents are LEFT JOINed instead of read by a subquery per row
        # (a connection's page on PostgreSQL): each such row's joins, as (alias, clause).
        self.joins: dict[str, list[tuple[str, str]]] = {}
        # Rows that are one object whose key the request binds (`node`, a payload's
        # object): the placeholder of that key, so that their nested pages on SQLite read
        # that object's children only (`grouped`).
        self.keys: dict[str, str] = {}
        # Rows of a page whose query does not depend on an outer row: a query giving the
        # keys of the page's rows, so that pages nested under it on SQLite read those
        # rows' children only (`grouped`).
        self.pages: dict[str, str] = {}
        self.reparse = False  # Statement.reparse

    # -- the root --------------------------------------------------------------------

    def root(self, key: str, nodes: list[FieldNode]) -> Statement:
        query = self.schema.query_type
        assert query is not None
        name = nodes[0].name.value
        definition = query.fields.get(name)
        if definition is None:
            raise NotCompiled(name)
        named = get_named_type(definition.type)
        if name == "district":
            row = self.b.alias()
            body = self.object("District", row, self.fields(nodes, named))
            sql = f"SELECT {body} FROM districts {row} ORDER BY {row}.id LIMIT 1"
        elif name in catalog.ROOT_LISTS:
            listed = catalog.ROOT_LISTS[name]
            sql = "SELECT " + self.connection(
                listed.type_name, nodes, definition, named, None, ordering=listed.ordering
            )
        elif name == "node":
            sql = "SELECT " + self.node(nodes, named, self.argument(definition, nodes[0], "id"))
        elif name == "nodes":
            read = self.argument(definition, nodes[0], "ids")
            count = len(get_argument_values(definition, nodes[0], self.coster.variables)["ids"])
            if count > MAX_NODES:
                raise NotCompiled("too many ids: the resolvers refuse them")

            def item(index: int) -> Getter:
                return lambda inputs: read(inputs)[index]

            items = [self.node(nodes, named, item(index)) for index in range(count)]
            sql = "SELECT " + self.dialect.json_array(items)
        else:
            raise NotCompiled(f"Query.{name}")
        sql = self.dialect.as_text(self.b.with_ctes(sql))
        return Statement(
            key, sql, tuple(self.b.params), name in ("node", "nodes"), reparse=self.reparse
        )

    def one(
        self,
        key: str,
        nodes: list[FieldNode],
        graphql_type: GraphQLObjectType,
        changed: str | None = None,
    ) -> Statement:
        """A mutation payload's object: the row whose key the request binds
        (`Inputs.key`), with the fields `nodes` select on its type; or, with `changed`,
        the one row of that name a write's statement returns (its CTE), as a subquery of
        that statement (resolvers/organization/renaming.py)."""
        info = catalog.TYPES.get(graphql_type.name)
        if info is None:
            raise NotCompiled(graphql_type.name)
        row = self.b.alias()
        if changed is not None:
            body = self.object(graphql_type.name, row, self.fields(nodes, graphql_type))
            # The write's CTEs all read the snapshot from before it: a second read of the
            # table would find the row as it was.
            if re.search(rf"\b{info.table}\b", body) or self.b.ctes:
                raise NotCompiled(f"the payload reads {info.table} again")
            sql = f"SELECT {body} FROM {changed} {row}"
        else:
            pk = self.keys[row] = self.b.param(lambda inputs: inputs.key, "integer")
            body = self.object(graphql_type.name, row, self.fields(nodes, graphql_type))
            sql = self.b.with_ctes(f"SELECT {body} FROM {info.table} {row} WHERE {row}.id = {pk}")
        sql = self.dialect.as_text(sql)
        return Statement(key, sql, tuple(self.b.params), reparse=self.reparse)

    def node(self, nodes: list[FieldNode], named: Any, global_id: Getter) -> str:
        """The object behind a global ID bound at run time, one branch per taught type
        the selection compiles for; an ID of another type goes to the resolvers."""
        branches: dict[str, tuple[str, str, str]] = {}
        taught: frozenset[str] = frozenset()  # the branches', once they are known

        def decoded(inputs: Inputs) -> tuple[str, int]:
            type_name, pk = decode(global_id(inputs))
            if type_name not in taught:
                raise NotCompiled(f"node of type {type_name}")
            return type_name, pk

        # The key before the branches: their nested pages read its children (`keys`).
        kind = self.b.param(lambda inputs: decoded(inputs)[0], "text")
        pk = self.b.param(lambda inputs: decoded(inputs)[1], "integer")
        types = [t for t in self.schema.get_possible_types(named) if t.name in catalog.TYPES]
        for graphql_type in types:
            saved = (len(self.b.params), len(self.b.ctes), self.b.aliases)
            try:
                row = self.b.alias()
                self.keys[row] = pk
                body = self.object(graphql_type.name, row, self.fields(nodes, graphql_type))
            except NotCompiled:
                del self.b.params[saved[0] :], self.b.ctes[saved[1] :]
                self.b.aliases = saved[2]
                # The aliases are given out again: forget what was noted under them.
                for noted in (self.joins, self.keys, self.pages):
                    for alias in [a for a in noted if int(a[1:]) > saved[2]]:
                        del noted[alias]
                continue
            table = catalog.TYPES[graphql_type.name].table
            branches[graphql_type.name] = (row, body, table)
        if not branches:
            raise NotCompiled("node of no taught type")
        taught = frozenset(branches)
        cases = " ".join(
            f"WHEN {quote(type_name)} THEN"
            f" {self.dialect.embed(f'SELECT {body} FROM {table} {row} WHERE {row}.id = {pk}')}"
            for type_name, (row, body, table) in branches.items()
        )
        return f"(CASE {kind} {cases} END)"

    def fields(self, nodes: list[FieldNode], named: Any) -> Fields:
        if not isinstance(named, GraphQLObjectType):
            raise NotCompiled("an abstract type")
        sets = [node.selection_set for node in nodes if node.selection_set]
        return self.coster.collect(sets, named)

    # -- objects ---------------------------------------------------------------------

    def object(self, type_name: str, row: str, fields: Fields, ruled: bool = False) -> str:
        """The object of `row`; `ruled` where the row rule of its type (if any) already
        chose the row (a connection's page)."""
        info = catalog.TYPES.get(type_name)
        if info is None:
            raise NotCompiled(type_name)
        _readable(self.viewer, type_name, rows=ruled)
        graphql_type = self.schema.get_type(type_name)
        assert isinstance(graphql_type, GraphQLObjectType)
        pairs = []
        for key, nodes in fields.items():
            name = nodes[0].name.value
            if name == "__typename":
                pairs.append((key, quote(type_name)))
                continue
            field = info.fields.get(name)
            if field is None:
                raise NotCompiled(f"{type_name}.{name}")
            definition = graphql_type.fields[name]
            if definition.args and not isinstance(field, catalog.Children):
                raise NotCompiled(f"{type_name}.{name} takes arguments")
            pairs.append((key, self.value(type_name, row, field, nodes, definition)))
        if not pairs:
            raise NotCompiled("an empty selection")
        return self.dialect.obj(pairs)

    def value(
        self,
        type_name: str,
        row: str,
        field: catalog.Field,
        nodes: list[FieldNode],
        definition: GraphQLField,
    ) -> str:
        d = self.dialect
        named = get_named_type(definition.type)
        if isinstance(field, catalog.Column):
            if field.column == "id":
                return d.global_id(type_name, f"{row}.id")
            if field.kind is catalog.Kind.TIMESTAMP:
                return d.timestamp(f"{row}.{field.column}")
            if field.kind is catalog.Kind.FLOAT:
                self.reparse = True
                return d.double(f"{row}.{field.column}")
            if field.kind is catalog.Kind.DATE:
                return d.day(f"{row}.{field.column}")
            if field.kind is catalog.Kind.JSON:
                self.reparse = True
                return d.json_column(f"{row}.{field.column}")
            return f"{row}.{field.column}"
        if isinstance(field, catalog.Scalar):
            return field.sql.format(row=row)
        if isinstance(field, catalog.PersonName):
            person = self.b.alias()
            name = f"{person}.name"
            if field.masked:
                hidden = masked(self.b, name, 1, 0)
                seen = shows(self.b, self.viewer, person)
                name = f"(CASE WHEN ({seen}) THEN {name} ELSE {hidden} END)"
            return f"(SELECT {name} FROM people {person} WHERE {person}.id = {row}.{field.column})"
        if isinstance(field, catalog.Rows):
            child = self.b.alias()
            item_type = get_named_type(definition.type)
            body = self.object(field.type_name, child, self.fields(nodes, item_type), ruled=True)
            table = catalog.TYPES[field.type_name].table
            rows = f"FROM {table} {child} WHERE {child}.{field.parent_column} = {row}.id"
            order = f"{child}.{field.order}, {child}.id"
            if d.postgres:
                return f"(SELECT COALESCE({d.aggregate(body, order)}, '[]'::json) {rows})"
            # SQLite aggregates in the order its FROM subquery gives the rows.
            ordered = f"(SELECT * {rows} ORDER BY {order}) {child}"
            return f"json((SELECT json_group_array({body}) FROM {ordered}))"
        if isinstance(field, catalog.Count):
            stmt, count, node_ref = rollup_source(field.level, field.rollup)
            counting = stmt.add_columns(count).where(node_ref == literal_column(f"{row}.id"))
            compiled = counting.compile(
                dialect=self.b.sql_dialect(), compile_kwargs={"literal_binds": True}
            )
            return f"({compiled})"
        if isinstance(field, catalog.Parent):
            column = field.column
            return self.to_one(
                row,
                catalog.TYPES[field.type_name].table,
                lambda sub: f"{sub}.id = {row}.{column}",
                field.type_name,
                nodes,
                named,
                ruled=field.implied,
            )
        if isinstance(field, catalog.Overdue):
            listed = ", ".join(quote(status) for status in field.statuses)
            now = self.b.param(d.moment_of, "timestamptz")
            late = f"{row}.status IN ({listed}) AND {row}.{field.column} < {now}"
            return d.boolean(late)
        if isinstance(field, catalog.Organization):
            sub = self.b.alias()
            body = self.object("PartyOrganization", sub, self.fields(nodes, named))
            return d.embed(
                f"SELECT {body} FROM party_organizations {sub} WHERE {sub}.{field.column} ="
                f" {row}.id AND {sub}.archived_at IS NULL ORDER BY {sub}.id DESC LIMIT 1"
            )
        if isinstance(field, catalog.Secretary):
            role, person = self.b.alias(), self.b.alias()
            body = self.object("Person", person, self.fields(nodes, named))
            return d.embed(
                f"SELECT {body} FROM person_roles {role} JOIN people {person} ON {person}.id ="
                f" {role}.person_id WHERE {role}.kind = {quote(SECRETARY)} AND"
                f" {role}.ended_on IS NULL AND {role}.party_organization_id = {row}.id"
                f" ORDER BY {role}.id DESC LIMIT 1"
            )
        if isinstance(field, catalog.Personal):
            value = f"{row}.{field.column}"
            hidden = masked(self.b, value, field.keep_start, field.keep_end)
            return (
                f"(CASE WHEN {value} IS NULL THEN NULL WHEN ({shows(self.b, self.viewer, row)})"
                f" THEN {value} ELSE {hidden} END)"
            )
        if isinstance(field, catalog.MaskedFlag):
            return d.boolean(f"NOT ({shows(self.b, self.viewer, row)})")
        if isinstance(field, catalog.Home):
            return self.to_one(
                row,
                "buildings",
                lambda sub: f"{sub}.id = {row}.building_id AND ({shows(self.b, self.viewer, row)})",
                "Building",
                nodes,
                named,
            )
        assert isinstance(field, catalog.Children)
        given = get_argument_values(definition, nodes[0], self.coster.variables)
        if not d.postgres and given.get("after") is None:
            return self.grouped(field, nodes, definition, named, row)
        under = (field.parent_column, row)
        return d.embed(
            "SELECT "
            + self.connection(
                field.type_name, nodes, definition, named, under, ordering=field.ordering
            )
        )

    def to_one(
        self,
        row: str,
        table: str,
        on: Callable[[str], str],
        type_name: str,
        nodes: list[FieldNode],
        named: Any,
        ruled: bool = False,
    ) -> str:
        """The row of `table` that `on(alias)` matches for `row`, as an object: a scalar
        subquery, or where `row` takes joins (a page on PostgreSQL) a LEFT JOIN, its own
        parents joined after it, null where no row matches. Per row of a 100-row page,
        four nested parent subqueries cost PostgreSQL about twice what the joins do.
        `ruled`: seeing `row` implies seeing this one (catalog.Parent.implied)."""
        sub = self.b.alias()
        condition = on(sub)
        if row not in self.joins:
            body = self.object(type_name, sub, self.fields(nodes, named), ruled)
            return self.dialect.embed(f"SELECT {body} FROM {table} {sub} WHERE {condition}")
        self.joins[sub] = []
        body = self.object(type_name, sub, self.fields(nodes, named), ruled)
        self.joins[row].append((sub, f"LEFT JOIN {table} {sub} ON {condition}"))
        return f"CASE WHEN {sub}.id IS NULL THEN NULL ELSE {body} END"

    def joined(self, row: str) -> str:
        """The joins registered for `row`, each followed by the joins of its own row."""
        return "".join(f" {clause}{self.joined(sub)}" for sub, clause in self.joins.pop(row, ()))

    def grouped(
        self,
        field: catalog.Children,
        nodes: list[FieldNode],
        definition: GraphQLField,
        named: Any,
        row: str,
    ) -> str:
        """A nested connection on SQLite: the pages of every parent at once in a common
        table expression, looked up by the parent's id. Nesting correlated subqueries four
        pages deep overflows SQLite's parser stack; the expressions are flat here. A parent
        without rows has no group: its empty page is a constant. Under one object whose
        key is bound (`keys`), only that object's page is built, and under a page only
        the pages of its rows (`pages`): every parent's had made a community's page at
        scale 10 number all 5,330 grids."""
        body = self.connection(
            field.type_name,
            nodes,
            definition,
            named,
            None,
            field.parent_column,
            field.ordering,
            only=self.keys.get(row),
            among=self.pages.get(row),
        )
        name = f"c{self.b.alias()}"
        self.b.ctes.append(f"{name}(p, j) AS MATERIALIZED (SELECT {body})")
        empty = quote(orjson.dumps(self.empty_connection(nodes, named)).decode())
        return f"json(COALESCE((SELECT {name}.j FROM {name} WHERE {name}.p = {row}.id), {empty}))"

    def empty_connection(self, nodes: list[FieldNode], named: Any) -> dict[str, Any]:
        """The connection of a parent without rows (and without a cursor), as JSON."""
        empty: dict[str, Any] = {}
        for key, field_nodes in self.fields(nodes, named).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                empty[key] = named.name
            elif name == "totalCount":
                empty[key] = 0
            elif name in ("nodes", "edges"):
                empty[key] = []
            elif name == "pageInfo":
                info_type = get_named_type(named.fields["pageInfo"].type)
                values = {"hasNextPage": False, "hasPreviousPage": False}
                empty[key] = {
                    info_key: (
                        info_type.name
                        if info_nodes[0].name.value == "__typename"
                        else values.get(info_nodes[0].name.value)
                    )
                    for info_key, info_nodes in self.fields(field_nodes, info_type).items()
                }
        return empty

    # -- connections -----------------------------------------------------------------

    def argument(self, definition: GraphQLField, node: FieldNode, name: str) -> Getter:
        def get(inputs: Inputs) -> Any:
            return get_argument_values(definition, node, inputs.variables).get(name)

        return get

    def connection(
        self,
        type_name: str,
        nodes: list[FieldNode],
        definition: GraphQLField,
        named: Any,
        parent: tuple[str, str] | None,
        group: str | None = None,
        ordering: Ordering = catalog.BY_NAME,
        only: str | None = None,
        among: str | None = None,
    ) -> str:
        """`<connection JSON> FROM (<page>) q`: the page of rows after the cursor, one
        more than asked (to know whether more follow), numbered and counted, in the
        resolver's `ordering` (by name, by key, or newest first by key). With `group` (a parent
        column), `<parent id>, <connection JSON> FROM … GROUP BY` the pages of every
        parent. A type with a row rule gets the rule as one more condition."""
        d, b = self.dialect, self.b
        node = nodes[0]
        given = get_argument_values(definition, node, self.coster.variables)
        if any(given.get(name) is not None for name in ("last", "before", "orderBy")):
            raise NotCompiled("backward pages and orderings other than by name")
        by_key = ordering.field is SortField.ID
        if ordering not in (catalog.BY_NAME, catalog.BY_KEY, NEWEST_FIRST):
            raise NotCompiled(f"the ordering {ordering}")
        info = catalog.TYPES[type_name]
        _readable(self.viewer, type_name, rows=True)
        nested = parent is not None or group is not None
        conditions = self.filters(type_name, info, definition, node, given.get("filter"), nested)
        if ruled(type_name):
            term = rule_term(b, type_name, self.viewer)
            if term is not None:
                conditions.append(term)
        after = given.get("after") is not None
        size = self.argument(definition, node, "first")

        # The page size is written into the statement (the plan's key holds it): a
        # statement without parameters is planned once per connection, where PostgreSQL
        # plans `LIMIT $1` again on every run.
        limit = str(int(size(Inputs(self.coster.variables, self.viewer)) or DEFAULT_PAGE_SIZE))

        def where(row: str, keyset: bool) -> str:
            terms = [term.format(row=row) for term in conditions]
            if parent is not None:
                terms.append(f"{row}.{parent[0]} = {parent[1]}.id")
            if group is not None and only is not None:
                terms.append(f"{row}.{group} = {only}")
            if group is not None and among is not None:
                terms.append(f"{row}.{group} IN ({among})")
            if keyset:
                cursor = self.argument(definition, node, "after")

                def value(inputs: Inputs) -> Any:
                    return decode_cursor(ordering, cursor(inputs))[0]

                def key(inputs: Inputs) -> Any:
                    return decode_cursor(ordering, cursor(inputs))[1]

                if by_key:
                    beyond = "<" if ordering.descending else ">"
                    terms.append(f"{row}.id {beyond} {b.param(key, 'integer')}")
                else:
                    bound = f"{b.param(value, 'text')}, {b.param(key, 'integer')}"
                    terms.append(f"({row}.name, {row}.id) > ({bound})")
            return " AND ".join(terms) or "1 = 1"

        rows, page, total = b.alias(), b.alias(), b.alias()
        if by_key:
            order = f"{rows}.id DESC" if ordering.descending else f"{rows}.id"
            cursor = d.cursor("id", f"{page}.id", f"{page}.id")
        else:
            order = f"{rows}.name, {rows}.id"
            cursor = d.cursor("name", f"{page}.name", f"{page}.id")
        if group is None:
            # The page's rows are counted after the LIMIT (`cnt`: all pageInfo needs is
            # whether one more than asked came back). A count over every row that passes
            # the filter made SQLite number and count them all before the LIMIT: 0.2 s for
            # a page of people at scale 10, against 1 ms.
            numbered = (
                f"SELECT {rows}.*, row_number() OVER (ORDER BY {order}) AS rn"
                f" FROM {info.table} {rows} WHERE {where(rows, after)}"
                f" ORDER BY {order} LIMIT {limit} + 1"
            )
            inner = (
                f"SELECT {rows}.*, count(*) OVER () AS cnt FROM ({numbered}) {rows}"
                f" ORDER BY {rows}.rn"
            )
            count = f"(SELECT count(*) FROM {info.table} {total} WHERE {where(total, False)})"
        else:
            # Rows come out of the window ordered by parent, name and id, which is the
            # order SQLite aggregates them in, group by group.
            window = f"PARTITION BY {rows}.{group} ORDER BY {order}"
            inner = (
                f"SELECT {rows}.*, row_number() OVER ({window}) AS rn,"
                f" count(*) OVER (PARTITION BY {rows}.{group}) AS cnt FROM {info.table} {rows}"
                f" WHERE {where(rows, after)} ORDER BY {rows}.{group}, {order}"
            )
            count = (
                f"(SELECT count(*) FROM {info.table} {total} WHERE {where(total, False)}"
                f" AND {total}.{group} = {page}.{group})"
            )
        if parent is None and not d.postgres:
            listed = b.alias()
            kept = "" if group is None else f" WHERE {listed}.rn <= {limit} + 1"
            self.pages[page] = f"SELECT {listed}.id FROM ({inner}) {listed}{kept}"
        fields = self.fields(nodes, named)
        if group is None and d.postgres:
            self.joins[page] = []
        pairs = []
        for key, field_nodes in fields.items():
            name = field_nodes[0].name.value
            if name == "__typename":
                pairs.append((key, quote(named.name)))
            elif name == "totalCount":
                pairs.append((key, count))
            elif name == "nodes":
                item_type = get_named_type(named.fields["nodes"].type)
                body = self.object(type_name, page, self.fields(field_nodes, item_type), ruled=True)
                pairs.append((key, self.items(body, page, limit)))
            elif name == "edges":
                edges = self.edges(type_name, named, field_nodes, page, limit, cursor)
                pairs.append((key, edges))
            elif name == "pageInfo":
                info_sql = self.page_info(field_nodes, named, page, limit, after, cursor)
                pairs.append((key, info_sql))
            else:
                raise NotCompiled(f"{named.name}.{name}")
        if group is None:
            # One row even without rows or aggregates (a connection asked only for its
            # totalCount): the page joined to a single row.
            one = b.alias()
            return (
                f"{d.obj(pairs)} FROM (SELECT 1 AS one) {one}"
                f" LEFT JOIN ({inner}) {page} ON 1 = 1{self.joined(page)} LIMIT 1"
            )
        return (
            f"{page}.{group}, {d.obj(pairs)} FROM ({inner}) {page}"
            f" WHERE {page}.rn <= {limit} + 1 GROUP BY {page}.{group}"
        )

    def filters(
        self,
        type_name: str,
        info: catalog.TypeInfo,
        definition: GraphQLField,
        node: FieldNode,
        given: dict[str, Any] | None,
        nested: bool = False,
    ) -> list[str]:
        """WHERE terms (with `{row}` for the alias) for the filters the compiler handles,
        as resolvers/filters.py and the people's filter apply them: live rows unless
        `includeArchived`, `nameContains`, a street's `kind`, a root list's `parentId`
        (ignored on nested lists), people by a live role's kind, community or building."""
        given = dict(given or {})
        terms: list[str] = []
        read = self.argument(definition, node, "filter")

        def bound(get: Getter, cast: str) -> str:
            return self.b.param(get, cast).replace("{", "{{").replace("}", "}}")

        if info.archivable and not given.pop("includeArchived", False):
            terms.append("{row}.archived_at IS NULL")
        if given.pop("nameContains", None) is not None:

            def term(inputs: Inputs) -> str | None:
                text = search_term(read(inputs)["nameContains"], "nameContains")
                if text is None:
                    return None
                return text.replace("/", "//").replace("%", "/%").replace("_", "/_")

            search = bound(term, "text")
            like = (
                f"{{row}}.name ILIKE '%' || {search} || '%' ESCAPE '/'"
                if self.dialect.postgres
                else f"lower({{row}}.name) LIKE '%' || lower({search}) || '%' ESCAPE '/'"
            )
            terms.append(f"({search} IS NULL OR {like})")
        model = info.model
        if model in LEVELS and given.get("parentId") is not None:
            given.pop("parentId")
            if not nested:
                level = LEVELS[model]
                parent_type = TYPE_NAMES[level.parent_model]

                def parent(inputs: Inputs) -> int:
                    return decode_as(read(inputs)["parentId"], parent_type)[1]

                terms.append(f"{{row}}.{level.parent_column} = {bound(parent, 'integer')}")
        if type_name == "Person":
            places = given.get("buildingId") is not None or given.get("communityId") is not None
            if places and viewer_shape(self.viewer)[0] != "district":
                # Listing people by where they live is checked against the viewer's
                # scope (resolvers.permissions.require_personal_scope): the resolvers.
                raise NotCompiled("people by place for a scoped viewer")
            if given.get("roleKind") is not None:
                given.pop("roleKind")
                role = bound(lambda inputs: str(read(inputs)["roleKind"].name), "text")
                terms.append(
                    "EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = {row}.id"
                    f" AND r.kind = {role} AND r.ended_on IS NULL)"
                )
            if given.get("communityId") is not None:
                given.pop("communityId")
                community = bound(
                    lambda inputs: key_of(read(inputs)["communityId"], "Community"), "integer"
                )
                terms.append(
                    "{row}.building_id IN (SELECT b.id FROM buildings b JOIN grids g"
                    f" ON g.id = b.grid_id WHERE g.community_id = {community})"
                )
        for name, spec in catalog.FILTERS.get(type_name, {}).items():
            if given.get(name) is not None:
                terms += self.filter_terms(spec, name, given.pop(name), read)
        if any(value is not None for value in given.values()):
            raise NotCompiled(f"a filter on {type_name} the compiler has not been taught")
        return terms

    def filter_terms(self, spec: catalog.Filter, name: str, given: Any, read: Getter) -> list[str]:
        """The WHERE terms (`{row}` for the alias) of one taught filter (catalog.FILTERS)
        whose argument `name` is given; `given` is its value when the plan is made (only
        its shape counts: a list's length, a flag)."""

        def bound(get: Getter, cast: str) -> str:
            return self.b.param(get, cast).replace("{", "{{").replace("}", "}}")

        column = f"{{row}}.{spec.column}"
        if spec.by is catalog.By.KEY:
            target = spec.target
            return [f"{column} = {bound(lambda i: key_of(read(i)[name], target), 'integer')}"]
        if spec.by is catalog.By.ENUM:
            return [f"{column} = {bound(lambda i: str(read(i)[name].name), 'text')}"]
        if spec.by is catalog.By.NUMBER:
            return [f"{column} = {bound(lambda i: int(read(i)[name]), 'integer')}"]
        if spec.by is catalog.By.STREET:
            street = bound(lambda i: key_of(read(i)[name], "Street"), "integer")
            streets = f"SELECT c.id FROM communities c WHERE c.street_id = {street}"
            return [f"{column} IN ({streets})"]
        if spec.by is catalog.By.FLAG:
            if not given:
                return []
            return [f"{column} IN ({', '.join(quote(value) for value in spec.values)})"]
        assert spec.by is catalog.By.ENUMS

        def item(index: int) -> Getter:
            return lambda inputs: str(read(inputs)[name][index].name)

        if not given:  # an empty list filters nothing, as in the resolvers
            return []
        listed = ", ".join(bound(item(index), "text") for index in range(len(given)))
        return [f"{column} IN ({listed})"]

    def items(self, body: str, page: str, limit: str) -> str:
        return self.dialect.array(body, f"{page}.rn <= {limit}", f"{page}.rn")

    def edges(
        self,
        type_name: str,
        named: Any,
        nodes: list[FieldNode],
        page: str,
        limit: str,
        cursor: str,
    ) -> str:
        edge = get_named_type(named.fields["edges"].type)
        pairs = []
        for key, field_nodes in self.fields(nodes, edge).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                pairs.append((key, quote(edge.name)))
            elif name == "cursor":
                pairs.append((key, cursor))
            elif name == "node":
                item_type = get_named_type(edge.fields["node"].type)
                pairs.append(
                    (
                        key,
                        self.object(
                            type_name, page, self.fields(field_nodes, item_type), ruled=True
                        ),
                    )
                )
            else:
                raise NotCompiled(f"{edge.name}.{name}")
        return self.items(self.dialect.obj(pairs), page, limit)

    def page_info(
        self,
        nodes: list[FieldNode],
        named: Any,
        page: str,
        limit: str,
        after: bool,
        cursor: str,
    ) -> str:
        d = self.dialect
        info_type = get_named_type(named.fields["pageInfo"].type)
        pairs = []
        for key, field_nodes in self.fields(nodes, info_type).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                pairs.append((key, quote(info_type.name)))
            elif name == "hasNextPage":
                more = f"COALESCE(max({page}.cnt), 0) > {limit}"
                pairs.append((key, d.boolean(more)))
            elif name == "hasPreviousPage":
                pairs.append((key, d.constant(after)))
            elif name == "startCursor":
                pairs.append((key, f"max(CASE WHEN {page}.rn = 1 THEN {cursor} END)"))
            elif name == "endCursor":
                last = d.least(f"{page}.cnt", limit)
                pairs.append((key, f"max(CASE WHEN {page}.rn = {last} THEN {cursor} END)"))
            else:
                raise NotCompiled(f"PageInfo.{name}")
        return d.obj(pairs)
