"""The one entry point: sub-commands run headless, no sub-command opens the GUI.

This module is the single place where the command line hands over to ``ui`` (declared as the
only exception in the import-linter contract). It imports Qt only on that path, so that
``mdo-planner import ...`` on a server without a display never loads PySide6.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to a sub-command, or start the desktop application."""
    from mdo_planner import cli

    args = list(sys.argv[1:] if argv is None else argv)
    parser = cli.build_parser()
    ns = parser.parse_args(args)
    if ns.version:
        print(cli.versions_text())
        return 0
    from mdo_planner.infra.logging_setup import install_excepthook, setup_logging

    component = getattr(ns, "command", None) or ("self-test" if ns.self_test else "gui")
    setup_logging(component)
    install_excepthook()
    if getattr(ns, "command", None):
        return cli.run(ns)
    if getattr(ns, "self_test", False):
        return cli.run_self_test(ns)
    from ui.app import run_gui  # the declared hand-over to the Qt layer

    return run_gui(ns)


if __name__ == "__main__":
    sys.exit(main())
