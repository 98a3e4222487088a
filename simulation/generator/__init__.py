"""The district generator: a whole district at a scale, deterministically, written in bulk
through db/ (with development accounts for its people)."""
