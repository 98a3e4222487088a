"""GraphQL types of the organisation tree."""
