"""The cyclic garbage collector of a serving process.

CPython collects its youngest generation every 700 allocations (net of frees) and, now
and then, all of them: every module, the schema and SQLAlchemy's metadata, some hundreds
of thousands of objects that live as long as the process. A request that goes through
the resolvers or the ORM allocates thousands of objects, so with the defaults collections
took a fifth to a third of such a request's CPU (docs/performance.md). Once the app is
built, what exists is frozen out of every collection (`gc.freeze`), and the young
generation is collected less often; what a request leaves behind without cycles is freed
by reference counting as before, so memory does not grow with the thresholds.
"""

from __future__ import annotations

import gc

# Allocations between young collections, then young collections between middle-aged ones
# and middle-aged between full ones (CPython's defaults: 700, 10, 10).
SERVING_THRESHOLDS = (20_000, 50, 100)


def settle() -> None:
    """Freeze what exists now and set SERVING_THRESHOLDS; for a process about to serve."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*SERVING_THRESHOLDS)
