"""grassroots side by side with PostGraphile v4 and v5 and a floor, on one seeded PostgreSQL.

    python -m benchmarks.peers [--duration 5] [--rounds 4] [--connections 1,8]
        [--targets grassroots,grassroots-2w,postgraphile4,postgraphile5,floor]
        [--shapes tree,people,rename] [--client auto|wrk|python] [--markdown FILE]

A throwaway PostgreSQL cluster (tooling/postgres.py), `grassroots seed --seed 42` at
--scale (1), a district admin made with `grassroots user create` and its token; then every
target starts on a loopback port (targets.py), each answers each shape once and the answers
must hold the same rows (shapes.py), and the shapes run interleaved over several rounds at
each connection count (load.py), reported as medians with the ratios (report.py).
"""
