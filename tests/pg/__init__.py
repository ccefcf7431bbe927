"""Helpers that give each test its own PostgreSQL database when the suite runs on a server."""
