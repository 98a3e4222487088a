"""GraphQL types of people and roles."""
