"""Root fields of projects, property companies and the negative list."""

from __future__ import annotations

import strawberry

from db import models
from resolvers import global_ids
from resolvers.paging import NEWEST_FIRST
from resolvers.projects.queries import CompanyFilter, ProjectFilter, ViolationFilter
from schema.pagination import Connection, list_field
from schema.projects.inputs import (
    ProjectFilterInput,
    PropertyCompanyFilterInput,
    ViolationFilterInput,
)
from schema.projects.types import NegativeListItem, NegativeListViolation, Project, negative_list
from schema.property.types import PropertyCompany


def project_filter(given: ProjectFilterInput | None) -> ProjectFilter:
    if given is None:
        return ProjectFilter()
    return ProjectFilter(
        kind=given.kind,
        category=given.category,
        status=given.status,
        community_id=global_ids.key_of(given.community_id, "Community"),
        street_id=global_ids.key_of(given.street_id, "Street"),
        year=given.year,
        owner_work_unit_id=global_ids.key_of(given.owner_work_unit_id, "WorkUnit"),
        owner_person_id=global_ids.key_of(given.owner_person_id, "Person"),
        owner_property_company_id=global_ids.key_of(
            given.owner_property_company_id, "PropertyCompany"
        ),
        title_contains=given.title_contains,
    )


def company_filter(given: PropertyCompanyFilterInput | None) -> CompanyFilter:
    if given is None:
        return CompanyFilter()
    return CompanyFilter(
        community_id=global_ids.key_of(given.community_id, "Community"),
        name_contains=given.name_contains,
    )


def violation_filter(given: ViolationFilterInput | None) -> ViolationFilter:
    if given is None:
        return ViolationFilter()
    return ViolationFilter(
        community_id=global_ids.key_of(given.community_id, "Community"),
        person_id=global_ids.key_of(given.person_id, "Person"),
        work_unit_id=global_ids.key_of(given.work_unit_id, "WorkUnit"),
        item_number=given.item_number,
    )


@strawberry.type
class ProjectsQuery:
    projects: Connection[Project] = list_field(
        models.Project,
        description="Projects (项目): co-building, breakthrough, service items, property-adopted.",
        filter_input=ProjectFilterInput,
        make_filter=project_filter,
        fixed_order=NEWEST_FIRST,
    )
    property_companies: Connection[PropertyCompany] = list_field(
        models.PropertyCompany,
        description="Property companies in co-building (物业企业).",
        filter_input=PropertyCompanyFilterInput,
        make_filter=company_filter,
    )
    negative_list_violations: Connection[NegativeListViolation] = list_field(
        models.NegativeListViolation,
        description="Breaches of the negative list (违反负面清单记录), newest first.",
        filter_input=ViolationFilterInput,
        make_filter=violation_filter,
        fixed_order=NEWEST_FIRST,
    )

    @strawberry.field(
        description="The 20 items of the negative list (负面清单): 言 1–10, 行 11–20."
    )
    def negative_list(self) -> list[NegativeListItem]:
        return negative_list()
