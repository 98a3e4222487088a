"""Settings from the environment (GRASSROOTS_*) or a `.env` file."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from db.session import DEFAULT_POOL_TIMEOUT

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./grassroots.db"
DEVELOPMENT_SECRET = "grassroots-development-secret-do-not-use-in-production"
# An origin as a browser sends it: scheme, host and an optional port.
# The most a cost setting may be: far beyond any real budget, and small enough that a
# window's 64-bit total cannot be pushed past its range by one charge.
MOST_COST = 10**15
ORIGIN = re.compile(r"https?://(\[[0-9A-Fa-f:.]+\]|[^/\s:\[\]]+)(:\d{1,5})?")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRASSROOTS_", env_file=".env", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    env: Literal["development", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = Field(default=1, ge=1)  # uvicorn worker processes of `grassroots serve`
    sql_echo: bool = False
    # Signs access tokens. The development default is public; production refuses it.
    secret_key: str = DEVELOPMENT_SECRET
    access_token_minutes: int = Field(default=15, ge=1, le=24 * 60)
    refresh_token_days: int = Field(default=14, ge=1, le=365)
    # Limits (docs/architecture.md): static cost per operation, cost budget per subject and
    # minute, wall-clock time per request, request body size.
    max_query_cost: int = Field(default=25_000, ge=1, le=MOST_COST)
    cost_per_minute: int = Field(default=100_000, ge=1, le=MOST_COST)
    request_timeout_seconds: float = Field(default=15.0, gt=0)
    # How long a request waits for a database connection (PostgreSQL's pool); shorter
    # than the request timeout, so that an overloaded or unreachable database answers 503.
    # Unset: DEFAULT_POOL_TIMEOUT, or half the request timeout when that is shorter.
    pool_timeout_seconds: float | None = Field(default=None, gt=0)
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    # Lets a simulation play each request at a moment of its choosing (the
    # X-Simulated-Time header); for simulated years on a throwaway district only.
    simulated_clock: bool = False
    # Browser origins allowed to call the API (CORS), comma-separated, such as
    # "https://app.example.org,http://localhost:5173"; "*" for any; empty: no CORS headers.
    cors_origins: str = ""
    # Query operations the compiler knows are answered by one SQL statement per root
    # field (docs/performance.md); off: every field through the resolvers.
    compiled_reads: bool = True

    @field_validator("cors_origins")
    @classmethod
    def _origins_as_browsers_send_them(cls, value: str) -> str:
        origins = [origin.strip() for origin in value.split(",") if origin.strip()]
        if "*" in origins and len(origins) > 1:
            raise ValueError('GRASSROOTS_CORS_ORIGINS is either "*" or a list of origins')
        for origin in origins:
            if origin != "*" and not ORIGIN.fullmatch(origin):
                raise ValueError(
                    f"GRASSROOTS_CORS_ORIGINS: {origin!r} is not an origin such as"
                    " https://app.example.org or http://localhost:5173 (no path, no slash)"
                )
        return ",".join(origins)

    @model_validator(mode="after")
    def _pool_wait_within_request_time(self) -> Settings:
        if (
            self.pool_timeout_seconds is not None
            and self.pool_timeout_seconds >= self.request_timeout_seconds
        ):
            raise ValueError(
                "GRASSROOTS_POOL_TIMEOUT_SECONDS must be shorter than"
                " GRASSROOTS_REQUEST_TIMEOUT_SECONDS"
            )
        return self

    @model_validator(mode="after")
    def _real_secret_in_production(self) -> Settings:
        if self.production and (self.secret_key == DEVELOPMENT_SECRET or len(self.secret_key) < 32):
            raise ValueError(
                "GRASSROOTS_SECRET_KEY must be set to a random value of at least 32"
                " characters when GRASSROOTS_ENV=production"
            )
        if self.production and self.simulated_clock:
            raise ValueError("GRASSROOTS_SIMULATED_CLOCK is refused when GRASSROOTS_ENV=production")
        return self

    @property
    def production(self) -> bool:
        return self.env == "production"

    @property
    def cors_origin_list(self) -> list[str]:
        return self.cors_origins.split(",") if self.cors_origins else []

    @property
    def pool_timeout(self) -> float:
        """The pool's wait in seconds, always shorter than the request timeout."""
        if self.pool_timeout_seconds is not None:
            return self.pool_timeout_seconds
        return min(DEFAULT_POOL_TIMEOUT, self.request_timeout_seconds / 2)
