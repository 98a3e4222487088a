"""Deliberation: consultations (好商量) and three-level joint meetings (联席会议)."""
