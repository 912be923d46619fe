"""Errors the application reports to a person, as opposed to bugs.

A ``UserError`` carries a message that says what is wrong and where (file, JSON path, row,
field); the command line prints it and exits with status 2, the GUI shows it in a dialog.
"""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused operation; the message is meant for the user."""

    exit_status = 2


class ConflictError(UserError):
    """Somebody else saved the same record first (optimistic locking)."""
