"""Party work in the delivery industry in the schema."""
