"""Start of the desktop application (the launcher hands over here)."""

from __future__ import annotations

import argparse


def run_gui(ns: argparse.Namespace) -> int:
    """Create the QApplication and the main window; returns the exit code."""
    from ui.main import main

    return main(ns)
