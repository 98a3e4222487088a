"""Settings from the environment (GRASSROOTS_*) or a `.env` file."""

from __future__ import annotations

from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./grassroots.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRASSROOTS_", env_file=".env", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    env: Literal["development", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    sql_echo: bool = False

    @property
    def production(self) -> bool:
        return self.env == "production"
