"""Generating districts and simulating their activity."""
