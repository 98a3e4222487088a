"""Property complaints (物业投诉), company ratings and the red/black list (红黑榜)."""
