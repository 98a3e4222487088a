"""`python -m benchmarks.peers --help`: see benchmarks/peers/__init__.py."""

from __future__ import annotations

from benchmarks.peers.run import main

main()
