"""Locust's entry point: `python -m locust -f loadtests/locustfile.py --host URL`, with the
cast file in GRASSROOTS_LOADTEST_CAST (written by `grassroots loadtest`, or by
`python -m loadtests.cast`). Locust runs every user class imported here, with the
weights of roles.py, and the step shape when GRASSROOTS_LOADTEST_STEPS is set."""

from __future__ import annotations

import os

from loadtests.steps import STEPS_ENV
from loadtests.users import (
    AdminUser,
    Browser,
    CompanyUser,
    ComplainantUser,
    DepartmentUser,
    GridLeaderUser,
    ObserverUser,
    ResidentUser,
    RiderUser,
    SecretaryUser,
    TeamLeadUser,
    UnitUser,
    VolunteerUser,
)

__all__ = [
    "AdminUser",
    "Browser",
    "CompanyUser",
    "ComplainantUser",
    "DepartmentUser",
    "GridLeaderUser",
    "ObserverUser",
    "ResidentUser",
    "RiderUser",
    "SecretaryUser",
    "TeamLeadUser",
    "UnitUser",
    "VolunteerUser",
]

# Locust uses a shape class found in the locustfile, so it is imported only when wanted.
if os.environ.get(STEPS_ENV):
    from loadtests.shapes import StepLoad

    __all__ += ["StepLoad"]
