"""The names and the password of the generated district's accounts: the generator
writes them, and the simulated year, the load tests and the command line log in with
them (so this module imports nothing of the database)."""

from __future__ import annotations

DEVELOPMENT_PASSWORD = "grassroots-dev"
ADMIN_USERNAME = "admin"


def person_username(person_id: int) -> str:
    """`person<key>`: unique and fixed by the seed. Phone numbers would be friendlier, but
    they are drawn at random and repeat from scale 10 on."""
    return f"person{person_id}"


def company_username(company_id: int) -> str:
    return f"company{company_id}"


def observer_username(number: int) -> str:
    return f"observer{number:02d}"


def department_username(code: str, number: int) -> str:
    """`dept-urban-management-1`: a coordinating department's staff account."""
    return f"dept-{code.lower().replace('_', '-')}-{number}"
