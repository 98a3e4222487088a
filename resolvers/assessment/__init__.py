"""Assessment (考核): observers, the four rings, annual reviews, capacity and awards."""
