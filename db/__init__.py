"""Persistence: SQLAlchemy 2 models, the async engine and session, Alembic migrations."""
