"""Key recipients (重点服务对象) and a community's own service items (the "N" of "6+N"):
the mutations that register them and the filters that list them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, String, cast, select

from db.models import (
    Community,
    KeyRecipient,
    LocalServiceItem,
    Person,
    RecipientKind,
    ServiceCategory,
)
from resolvers import clock
from resolvers.accounts.places import building_place
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.organization.rules import ensure_live
from resolvers.permissions import authorize
from resolvers.validation import Checks, clean_text

NOTE_LENGTH = 500


@dataclass(frozen=True)
class LocalItemFilter:
    community_id: int | None = None
    include_archived: bool = False

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if not self.include_archived:
            clauses.append(LocalServiceItem.archived_at.is_(None))
        if self.community_id is not None:
            clauses.append(LocalServiceItem.community_id == self.community_id)
        return clauses


@dataclass(frozen=True)
class RecipientFilter:
    """Live registrations unless ended ones are asked for."""

    community_id: int | None = None
    kind: RecipientKind | None = None
    need: ServiceCategory | None = None
    include_ended: bool = False

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if not self.include_ended:
            clauses.append(KeyRecipient.ended_on.is_(None))
        if self.community_id is not None:
            clauses.append(KeyRecipient.community_id == self.community_id)
        if self.kind is not None:
            clauses.append(KeyRecipient.kind == self.kind)
        if self.need is not None:
            # The JSON list's text holds each name in quotes, on SQLite and PostgreSQL
            # alike, and no category's name is part of another's in quotes.
            clauses.append(cast(KeyRecipient.needs, String).like(f'%"{self.need.value}"%'))
        return clauses


def _needs(needs: Sequence[ServiceCategory]) -> list[str]:
    """Category names without repeats, in the order given."""
    return list(dict.fromkeys(need.value for need in needs))


async def define_local_item(
    ctx: Context, *, community_id: str, name: str, description: str | None
) -> LocalServiceItem:
    community = await load_as(ctx, community_id, Community)
    await authorize(ctx, community)
    ensure_live(community, "communityId")
    check = Checks()
    cleaned = check(clean_text, name, "name", max_length=100)
    about = check(clean_text, description or "", "description", max_length=500, required=False)
    check.done()
    assert cleaned is not None
    assert about is not None
    taken = await ctx.session.scalar(
        select(LocalServiceItem.id).where(
            LocalServiceItem.community_id == community.id,
            LocalServiceItem.name == cleaned,
            LocalServiceItem.archived_at.is_(None),
        )
    )
    if taken is not None:
        raise UserErrors.single(
            f"the community already has a service item named {cleaned!r}",
            UserErrorCode.NAME_TAKEN,
            "name",
        )
    item = LocalServiceItem(community_id=community.id, name=cleaned, description=about)
    ctx.session.add(item)
    await ctx.session.flush()
    return item


async def register_key_recipient(
    ctx: Context,
    *,
    person_id: str,
    kind: RecipientKind,
    needs: Sequence[ServiceCategory],
    needs_note: str | None,
) -> KeyRecipient:
    """A person living in a building becomes a key recipient of their home community."""
    person = await load_as(ctx, person_id, Person)
    await authorize(ctx, person)
    if person.building_id is None:
        raise UserErrors.single(
            f"{person.name} has no home building: register where they live first",
            UserErrorCode.INVALID,
            "personId",
        )
    note = clean_text(needs_note or "", "needsNote", max_length=NOTE_LENGTH, required=False)
    community_id = (await building_place(ctx, person.building_id)).community_id
    assert community_id is not None
    existing = await ctx.session.scalar(
        select(KeyRecipient.registered_on).where(
            KeyRecipient.person_id == person.id, KeyRecipient.ended_on.is_(None)
        )
    )
    if existing is not None:
        raise UserErrors.single(
            f"{person.name} is already a key recipient (since {existing.isoformat()})",
            UserErrorCode.ALREADY_REGISTERED,
            "personId",
        )
    recipient = KeyRecipient(
        person_id=person.id,
        community_id=community_id,
        kind=kind,
        needs=_needs(needs),
        needs_note=note,
        registered_on=clock.today(),
    )
    ctx.session.add(recipient)
    await ctx.session.flush()
    return recipient


async def _live_recipient(ctx: Context, recipient_id: str) -> KeyRecipient:
    recipient = await load_as(ctx, recipient_id, KeyRecipient)
    await authorize(ctx, recipient)
    if recipient.ended_on is not None:
        raise UserErrors.single(
            f"this registration ended on {recipient.ended_on.isoformat()}",
            UserErrorCode.INVALID,
            "keyRecipientId",
        )
    return recipient


async def update_key_recipient(
    ctx: Context,
    *,
    key_recipient_id: str,
    kind: RecipientKind | None,
    needs: Sequence[ServiceCategory] | None,
    needs_note: str | None,
) -> KeyRecipient:
    """Change what is given; a field left out stays as it was."""
    recipient = await _live_recipient(ctx, key_recipient_id)
    if needs_note is not None:
        recipient.needs_note = clean_text(
            needs_note, "needsNote", max_length=NOTE_LENGTH, required=False
        )
    if kind is not None:
        recipient.kind = kind
    if needs is not None:
        recipient.needs = _needs(needs)
    await ctx.session.flush()
    return recipient


async def end_key_recipient(
    ctx: Context, *, key_recipient_id: str, ended_on: date | None
) -> KeyRecipient:
    recipient = await _live_recipient(ctx, key_recipient_id)
    day = ended_on or clock.today()
    if day < recipient.registered_on:
        raise UserErrors.single(
            f"the registration began on {recipient.registered_on.isoformat()}",
            UserErrorCode.DATE_ORDER,
            "endedOn",
        )
    if day > clock.today():
        raise UserErrors.single(
            "a registration cannot end in the future", UserErrorCode.OUT_OF_RANGE, "endedOn"
        )
    recipient.ended_on = day
    await ctx.session.flush()
    return recipient
