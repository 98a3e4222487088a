"""The ASGI entry point uvicorn imports (`server.asgi:app`), in each worker process: the
app, built once, and the garbage collector settled for serving (server/collector.py)."""

from __future__ import annotations

from server.app import create_app
from server.collector import settle

app = create_app()
settle()
