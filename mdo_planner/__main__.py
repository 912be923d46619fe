"""``python -m mdo_planner`` behaves exactly like the ``mdo-planner`` command."""

import sys

from mdo_planner.launcher import main

if __name__ == "__main__":
    sys.exit(main())
