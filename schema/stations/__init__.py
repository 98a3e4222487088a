"""Red-warm stations (红·暖之家) in the schema."""
