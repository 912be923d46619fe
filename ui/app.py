"""Start of the desktop application (the launcher hands over here)."""

from __future__ import annotations

import argparse
import logging
import sys

log = logging.getLogger(__name__)


def run_gui(ns: argparse.Namespace) -> int:
    """Create the QApplication and the main window; returns the exit code.

    Before Qt is imported, :mod:`ui.preflight` checks that its platform plugin can load: when it
    cannot, Qt would abort the process with the reason only in its own output, so the reason is
    printed here, on stderr, with the log file's path, and the exit status is 1.
    """
    from ui import preflight

    problem = preflight.problem()
    if problem is not None:
        from mdo_planner.infra.logging_setup import log_file

        log.error("the desktop application cannot start: %s", problem.message)
        print(
            f"mdo-planner: {problem.message}\nDetails are in the log: {log_file()}", file=sys.stderr
        )
        return 1
    from ui.main import main

    return main(ns)
