"""PyInstaller's entry script: the frozen ``mdo-planner`` executable starts here.

PyInstaller needs a script file rather than a console-script entry point; keeping it a
two-line hand-over to :func:`mdo_planner.launcher.main` means the frozen app and the
installed ``mdo-planner`` command can never behave differently.
"""

import multiprocessing
import sys

from mdo_planner.launcher import main

if __name__ == "__main__":
    # A frozen Windows build re-executes itself for any child process; without this call a
    # child would open a second main window instead of running its task.
    multiprocessing.freeze_support()
    sys.exit(main())
