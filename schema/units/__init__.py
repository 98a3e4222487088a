"""GraphQL types of work units and dual reporting."""
