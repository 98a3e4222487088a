"""Work units and dual reporting (双报到)."""
