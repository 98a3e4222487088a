"""Generating districts (`generator/`) and playing a year of their activity through the API
(`year/`); what both share without touching the database stays here: the figures
(`scale.py`), the district's calendar, account names and reading the API's IDs."""
