"""Assessment (考核) in the schema."""
