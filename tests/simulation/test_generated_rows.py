"""The generator writes the very rows it wrote before, key for key: every district table's
digest (tests/simulation/digests.py) against the digests recorded in
generated_digests.json, on both backends (the digests are the same on SQLite and
PostgreSQL). Seed 42 at scale 1 is the district every figure in the docs is quoted from;
seed 7 at scale 0.2 is the test district the other tests run on.

A change meant to alter the generated rows records the digests again (and recounts the
figures the docs quote for seed 42); a change meant to make the generator faster must
leave them as they are."""

from __future__ import annotations

import json
from pathlib import Path

from simulation import scale as figures
from simulation.generator.generate import generate
from simulation.scale import Scale
from tests.simulation.digests import table_digests
from tests.support.database import TEST_AS_OF, TEST_SCALE, TEST_SEED, Database

RECORDED = json.loads((Path(__file__).parent / "generated_digests.json").read_text())


def differing(found: dict[str, str], recorded: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The tables whose digests differ (or that only one side has): found, recorded."""
    return {
        name: (found.get(name, "-"), recorded.get(name, "-"))
        for name in sorted(found.keys() | recorded.keys())
        if found.get(name) != recorded.get(name)
    }


async def test_seed_42_at_scale_1_writes_the_recorded_rows(db: Database) -> None:
    await generate(db.engine, Scale(1), seed=42, as_of=figures.REPORT_DAY)
    found = await table_digests(db.engine)
    assert differing(found, RECORDED["seed 42, scale 1"]) == {}


async def test_the_test_district_holds_the_recorded_rows(seeded: Database) -> None:
    assert (TEST_SEED, TEST_SCALE.factor, TEST_AS_OF) == (7, 0.2, figures.REPORT_DAY)
    found = await table_digests(seeded.engine)
    assert differing(found, RECORDED["seed 7, scale 0.2"]) == {}
