"""Property management companies (物业服务企业) and their co-building with communities."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import ArchivableMixin, Base, IdMixin, TimestampMixin


class PropertyCompany(IdMixin, TimestampMixin, ArchivableMixin, Base):
    """A property company whose party organisation signed a co-building agreement
    (党建联建协议) with the community it serves; it adopts community service projects."""

    __tablename__ = "property_companies"
    __table_args__ = (
        Index(
            "uq_property_companies_name_live",
            "name",
            unique=True,
            sqlite_where=text("archived_at IS NULL"),
            postgresql_where=text("archived_at IS NULL"),
        ),
    )

    name: Mapped[str] = mapped_column(String(100))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    party_organization_name: Mapped[str] = mapped_column(String(100), default="")
    agreement_signed_on: Mapped[date | None] = mapped_column(Date, default=None)
