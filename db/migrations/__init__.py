"""Alembic migrations of the application's schema, shipped as package data and run on open."""
