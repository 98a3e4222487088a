"""Queries, mutations, DataLoaders and workflows per domain; no GraphQL types here."""
