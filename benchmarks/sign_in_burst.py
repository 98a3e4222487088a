"""What a burst of sign-ins leaves the rest of the API: a served API gets `--logins`
sign-ins at once while one client reads the district's name over and over; the script
prints how long the sign-ins took and the reads' latency meanwhile.

    python -m benchmarks.sign_in_burst --url http://127.0.0.1:8000/graphql

Serve the API first (`grassroots serve`, a seeded district with its development accounts)
with a cost budget the burst cannot spend (`GRASSROOTS_COST_PER_MINUTE`): each sign-in
costs 500. Each sign-in is an Argon2 check (resolvers/accounts/sessions.py).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

import httpx

PROBE = {"query": "{ district { name streetCount } }"}


def login(username: str, password: str) -> dict[str, object]:
    return {
        "query": "mutation($u: String!, $p: String!) {"
        " login(input: {username: $u, password: $p}) { accessToken } }",
        "variables": {"u": username, "p": password},
    }


async def burst(url: str, logins: int, username: str, password: str) -> None:
    limits = httpx.Limits(max_connections=logins + 10)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        await client.post(url, json=PROBE)  # warm
        latencies: list[float] = []
        done = asyncio.Event()

        async def probe() -> None:
            while not done.is_set():
                start = time.perf_counter()
                await client.post(url, json=PROBE)
                latencies.append((time.perf_counter() - start) * 1000)

        reads = asyncio.create_task(probe())
        start = time.perf_counter()
        body = login(username, password)
        answers = await asyncio.gather(*(client.post(url, json=body) for _ in range(logins)))
        took = time.perf_counter() - start
        done.set()
        await reads
    signed_in = sum(1 for a in answers if a.status_code == 200 and "accessToken" in a.text)
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    print(f"{logins} sign-ins in {took:.2f} s ({signed_in} signed in)")
    print(
        f"reads meanwhile: {len(latencies)}, p50 {statistics.median(latencies):.0f} ms,"
        f" p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/graphql")
    parser.add_argument("--logins", type=int, default=40)
    parser.add_argument("--username", default="admin")
    parser.add_argument("--password", default="grassroots-dev")
    options = parser.parse_args()
    asyncio.run(burst(options.url, options.logins, options.username, options.password))


if __name__ == "__main__":
    main()
