"""Property complaints (物业投诉) on the "2310" clock, company ratings and the red/black list."""
