"""Volunteer service (志愿服务): teams, volunteers, key recipients, orders, plans and reports."""
