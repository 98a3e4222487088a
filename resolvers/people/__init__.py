"""People and the roles they hold."""
