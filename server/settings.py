"""Settings from the environment (GRASSROOTS_*) or a `.env` file."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./grassroots.db"
DEVELOPMENT_SECRET = "grassroots-development-secret-do-not-use-in-production"


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
    max_query_cost: int = Field(default=25_000, ge=1)
    cost_per_minute: int = Field(default=100_000, ge=1)
    request_timeout_seconds: float = Field(default=15.0, gt=0)
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    # Lets a simulation play each request at a moment of its choosing (the
    # X-Simulated-Time header); for simulated years on a throwaway district only.
    simulated_clock: bool = False

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
