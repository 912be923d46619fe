"""MDO Planner: the application core (domain rules, services, import/export, PDF, CLI).

Nothing in this package imports Qt; the desktop UI lives in the top-level ``ui`` package
and talks to the services here.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mdo-planner")
except PackageNotFoundError:  # running from a frozen build or a source tree without metadata
    __version__ = "0.1.0"

__all__ = ["__version__"]
