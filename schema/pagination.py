"""Relay connections (`edges`, `nodes`, `pageInfo`, `totalCount`) over resolvers.paging."""

from __future__ import annotations

import asyncio
import enum
import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Generic, TypeVar, cast

import strawberry

from db.base import Base
from resolvers import paging
from resolvers.context import Context
from resolvers.paging import ListSpec, Ordering, Page, PageArgs, SortField, SqlFilter
from schema.base import Info

T = TypeVar("T")
NO_FILTER = paging.NoFilter()

First = Annotated[
    int | None,
    strawberry.argument(description="Page size from the start (每页条数): 1–100, default 20."),
]
After = Annotated[
    str | None, strawberry.argument(description="Return items after this cursor (游标之后).")
]
Last = Annotated[
    int | None, strawberry.argument(description="Page size from the end (每页条数): 1–100.")
]
Before = Annotated[
    str | None, strawberry.argument(description="Return items before this cursor (游标之前).")
]
FILTER = strawberry.argument(description="Which items to list (筛选条件).")


@strawberry.enum(description="Sort direction (排序方向).")
class OrderDirection(enum.Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.enum(description="What a list of named things is sorted by (排序字段).")
class NameOrderField(enum.Enum):
    NAME = "name"
    CREATED_AT = "created_at"


@strawberry.input(description="Ordering of a list of named things (排序); ties break by ID.")
class NameOrder:
    field: NameOrderField = strawberry.field(
        default=NameOrderField.NAME, description="Sort key (排序字段)."
    )
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Sort direction (排序方向)."
    )


OrderBy = Annotated[
    NameOrder | None,
    strawberry.argument(description="Sort order (排序); by name unless given."),
]


def ordering(order: NameOrder | None) -> Ordering:
    if order is None:
        return Ordering()
    return Ordering(SortField(order.field.value), order.direction is OrderDirection.DESC)


@strawberry.type(description="Where a page sits in its list (分页信息).")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page (有下一页).")
    has_previous_page: bool = strawberry.field(
        description="Items precede this page (有上一页; known when paging with `after` or `last`)."
    )
    start_cursor: str | None = strawberry.field(description="Cursor of the first item (首条游标).")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item (末条游标).")


@strawberry.type(description="An item of a page with its cursor (分页条目).")
class Edge(Generic[T]):
    cursor: str = strawberry.field(
        description="Cursor (游标): pass as `after` or `before` to page from here."
    )
    node: T = strawberry.field(description="The item (条目).")


class ConnectionSource:
    """Loads a connection's page and total lazily, each at most once per request."""

    def __init__(self, ctx: Context, spec: ListSpec[Any], parent_id: int | None) -> None:
        self.ctx = ctx
        self.spec = spec
        self.parent_id = parent_id
        self._page: asyncio.Future[Page[Any]] | None = None

    def page(self) -> Awaitable[Page[Any]]:
        if self._page is None:
            loaders = self.ctx.loaders
            loaded: Awaitable[Page[Any]] = (
                loaders.run(lambda session: paging.load_root_page(session, self.spec))
                if self.parent_id is None
                else loaders.pages(self.spec).load(self.parent_id)
            )
            self._page = asyncio.ensure_future(loaded)
        return self._page

    async def total(self) -> int:
        if self.parent_id is None:
            return await self.ctx.loaders.run(lambda session: paging.count_root(session, self.spec))
        return await self.ctx.loaders.counts(self.spec).load(self.parent_id)


@strawberry.type(description="A page of a list (分页列表), Relay style.")
class Connection(Generic[T]):
    source: strawberry.Private[ConnectionSource]

    @strawberry.field(description="Number of items in the whole list, across pages (总数).")
    async def total_count(self) -> int:
        return await self.source.total()

    @strawberry.field(description="The items of this page with their cursors (本页条目及游标).")
    async def edges(self) -> list[Edge[T]]:
        page = await self.source.page()
        return [
            Edge(cursor=cursor, node=cast(T, row))
            for cursor, row in zip(page.cursors, page.rows, strict=True)
        ]

    @strawberry.field(description="The items of this page (本页条目), without cursors.")
    async def nodes(self) -> list[T]:
        return cast(list[T], (await self.source.page()).rows)

    @strawberry.field(description="Cursors and whether more pages exist (分页信息).")
    async def page_info(self) -> PageInfo:
        page = await self.source.page()
        return PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            start_cursor=page.cursors[0] if page.cursors else None,
            end_cursor=page.cursors[-1] if page.cursors else None,
        )


def connection(
    info: Info,
    model: type[Base],
    *,
    parent: tuple[str, int] | None = None,
    filter: SqlFilter = NO_FILTER,
    order: NameOrder | None = None,
    fixed_order: Ordering | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Any]:
    """A connection over `model`, under `parent` (column, id) when it is a nested list."""
    spec = ListSpec(
        model=model,
        parent=parent[0] if parent else None,
        filter=filter,
        ordering=fixed_order or ordering(order),
        args=PageArgs(first=first, after=after, last=last, before=before),
    )
    return Connection(source=ConnectionSource(info.context, spec, parent[1] if parent else None))


def list_field(
    model: type[Base],
    *,
    description: str,
    parent: str | None = None,
    filter_input: Any = None,
    make_filter: Callable[[Any], SqlFilter] | None = None,
    fixed_order: Ordering | None = None,
    precheck: Callable[[Any, Info, SqlFilter], Awaitable[None]] | None = None,
) -> Any:
    """A connection field over `model`: `filter` (when `filter_input` is given),
    `orderBy` (unless the order is fixed) and `first/after/last/before`.

    The GraphQL type of the items comes from the field's annotation in the class, e.g.
    `communities: Connection[Community] = list_field(models.Community, parent="street_id")`;
    with `parent`, rows are those whose `parent` column holds the parent object's id.
    `precheck(root, info, filter)` may refuse the list before anything is loaded.
    """

    def build(root: Any, info: Info, filter: SqlFilter, arguments: dict[str, Any]) -> Any:
        return connection(
            info,
            model,
            parent=(parent, root.id) if parent else None,
            filter=filter,
            order=arguments.pop("order_by", None),
            fixed_order=fixed_order,
            **arguments,
        )

    def resolve(root: Any, info: Info, **arguments: Any) -> Any:
        given = arguments.pop("filter", None)
        filter = make_filter(given) if make_filter else NO_FILTER
        if precheck is None:
            return build(root, info, filter, arguments)

        async def checked() -> Connection[Any]:
            assert precheck is not None
            await precheck(root, info, filter)
            return build(root, info, filter, arguments)  # type: ignore[no-any-return]

        return checked()

    arguments: list[tuple[str, Any]] = [("root", Any), ("info", Info)]
    if filter_input is not None:
        # Built at run time from the given input type, which mypy cannot follow.
        optional_filter = Annotated.__class_getitem__((filter_input | None, FILTER))  # type: ignore[attr-defined]
        arguments.append(("filter", optional_filter))
    if fixed_order is None:
        arguments.append(("order_by", OrderBy))
    arguments += [("first", First), ("after", After), ("last", Last), ("before", Before)]
    parameters = [
        inspect.Parameter(
            name,
            inspect.Parameter.POSITIONAL_OR_KEYWORD
            if index < 2
            else inspect.Parameter.KEYWORD_ONLY,
            annotation=annotation,
            **({} if index < 2 else {"default": None}),
        )
        for index, (name, annotation) in enumerate(arguments)
    ]
    # Strawberry reads the arguments from the signature and, with no return annotation,
    # takes the field's type from the class body.
    resolve.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    resolve.__annotations__ = dict(arguments)
    return strawberry.field(resolver=resolve, description=description)
