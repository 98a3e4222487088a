"""What a load-test operation is: a named GraphQL document. Each request is reported under
its operation name, so the capacity report reads like the API a frontend calls; a
document's `name` is the operation name written inside it (a test holds them to that)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Operation:
    name: str
    document: str
    # A mutation's payload field, whose `userErrors` decide the outcome; None for queries.
    payload: str | None = None


def query(name: str, body: str, variables: str = "") -> Operation:
    return Operation(name, f"query {name}{variables} {body}")


def mutation(name: str, payload: str, body: str, variables: str) -> Operation:
    return Operation(name, f"mutation {name}{variables} {body}", payload)
