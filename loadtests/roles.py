"""The load test's roles: how many of each are on the system at once, and how long they
think between two actions. Plain data, so that the runner can size the cast without
importing Locust.

Weights follow the district's population (docs/domain.md, simulation/scale.py), tempered by
how often each group uses the system. Around 230,000 households browse the public pages
now and then; 1,085 key recipients and the residents who order for themselves are the
next largest group; some 4,000 volunteers check their teams' orders; 422 team leads, 59
community secretaries, 93 unit liaisons and a handful of district admins are few, but
they work in the system all day, so they weigh more than their headcount. Hence many
more browsers and residents than secretaries, and one admin for every fifty users.

Property complaints ("2310"): the staff of the 72 property companies work their queue
against the clock all day, like the secretaries at their desk; the residents who complain
(1,740 complaints a year) are few beside the households that browse, but each comes back
to watch the clock and to confirm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    name: str
    weight: int
    think_seconds: tuple[float, float]  # Locust's between(low, high)
    user_class: str  # the Locust user class in users.py that plays it


# Each role's name, weight, think time and the user class that plays it (users.py).
BROWSER = Role("browser", 40, (3.0, 10.0), "Browser")  # reads a page, then the next
RESIDENT = Role("resident", 22, (5.0, 15.0), "ResidentUser")  # orders, checks it later
VOLUNTEER = Role("volunteer", 16, (3.0, 8.0), "VolunteerUser")  # watches for work
TEAM_LEAD = Role("team_lead", 8, (3.0, 8.0), "TeamLeadUser")  # answers orders quickly
SECRETARY = Role("secretary", 7, (2.0, 6.0), "SecretaryUser")  # the desk, all day
UNIT = Role("unit", 5, (5.0, 15.0), "UnitUser")  # a unit liaison reports now and then
ADMIN = Role("admin", 2, (5.0, 15.0), "AdminUser")  # reads the audit log and the overview
# Grid incidents: some 500 grid leaders patrol and report (then verify on the spot); the
# ~20 coordinating departments' staff keep a desk for the calls through the day, as
# secretaries do, so a run of 20 users has one of them (the chain stops at the call without).
GRID_LEADER = Role("grid_leader", 4, (5.0, 15.0), "GridLeaderUser")
DEPARTMENT = Role("department", 3, (3.0, 8.0), "DepartmentUser")  # answers calls, works tasks
# Property complaints on the "2310" clock: the companies' desks work the clock; the
# residents who complain file, watch and confirm.
COMPANY = Role("company", 4, (2.0, 6.0), "CompanyUser")
COMPLAINANT = Role("complainant", 4, (5.0, 15.0), "ComplainantUser")
# Red-warm stations: the district's couriers and delivery riders ask for the nearest open
# station between deliveries (a read that must stay fast) and now and then record a visit.
RIDER = Role("rider", 6, (3.0, 10.0), "RiderUser")
# Observers (基层党建观察员): 23 of them visit their few communities once a quarter and
# record what they found where assigned; few, but like the departments weighed so that a
# run of 25 users has one.
OBSERVER = Role("observer", 3, (5.0, 15.0), "ObserverUser")

ROLES = (
    BROWSER,
    RESIDENT,
    VOLUNTEER,
    TEAM_LEAD,
    SECRETARY,
    UNIT,
    ADMIN,
    GRID_LEADER,
    DEPARTMENT,
    COMPANY,
    COMPLAINANT,
    RIDER,
    OBSERVER,
)
BY_NAME = {role.name: role for role in ROLES}


class UnknownRole(ValueError):
    pass


def chosen(names: Sequence[str]) -> tuple[Role, ...]:
    """The roles named (all of them when none is): a run can play one chain alone, e.g. the
    grid incidents' grid leaders, desks and departments, so that a short run reaches its
    every step instead of leaving the rarer ones to the draw of thirteen roles."""
    unknown = sorted(set(names) - set(BY_NAME))
    if unknown:
        raise UnknownRole(f"unknown role(s) {', '.join(unknown)}; the roles: {', '.join(BY_NAME)}")
    return tuple(role for role in ROLES if role.name in names) if names else ROLES


def expected_users(role: Role, users: int, among: Sequence[Role] = ROLES) -> float:
    """How many of `users` Locust gives `role` when it plays the roles `among`, on average."""
    if role not in among:
        return 0.0
    return users * role.weight / sum(other.weight for other in among)
