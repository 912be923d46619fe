"""Command-line interface: one argparse parser, one module per sub-command.

Each module in ``mdo_planner.commands`` exposes ``register(subparsers)`` which adds its parser
and sets ``func`` to a handler ``(argparse.Namespace) -> int``. Keeping one module per command
lets the commands grow independently while ``mdo-planner --help`` stays in one place.
Nothing here imports Qt: sub-commands must run on a server without a display.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import logging
import sys
from pathlib import Path

from mdo_planner import __version__
from mdo_planner.errors import UserError

#: Sub-command modules, in the order ``--help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "mdo_planner.commands.info",
    "mdo_planner.commands.migrate",
    "mdo_planner.commands.restore",
    "mdo_planner.commands.import_",
    "mdo_planner.commands.import_cases",
    "mdo_planner.commands.worklist",
    "mdo_planner.commands.export",
    "mdo_planner.commands.demo",
    "mdo_planner.commands.triage",
    "mdo_planner.commands.triage_rules",
    "mdo_planner.commands.solve",
    "mdo_planner.commands.plan",
    "mdo_planner.commands.runs",
    "mdo_planner.commands.networks",
    "mdo_planner.commands.sessions",
    "mdo_planner.commands.cases",
    "mdo_planner.commands.agenda",
    "mdo_planner.commands.ics",
    "mdo_planner.commands.meeting",
    "mdo_planner.commands.report",
    "mdo_planner.commands.fhir",
    "mdo_planner.commands.audit",
    "mdo_planner.commands.users",
)

log = logging.getLogger(__name__)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """The ``--db URL`` option every database command takes.

    Its default is suppressed, so that ``mdo-planner --db URL info`` (the option before the
    command, where the desktop app takes it) keeps that URL: with a default of None the
    sub-command replaced it and worked on the default database instead."""
    parser.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="database URL (default: MDO_PLANNER_DB, the site configuration, or the "
        "SQLite file in the data folder), e.g. postgresql+psycopg://user@host/db",
    )


def date_arg(text: str) -> dt.date:
    """``YYYY-MM-DD`` as an argparse type, with a message that names the bad value."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, GUI options included."""
    parser = argparse.ArgumentParser(
        prog="mdo-planner",
        description="Plan oncology tumour boards (MDO): triage, planning, agendas. "
        "Without a sub-command the desktop application opens.",
    )
    parser.add_argument("--version", action="store_true", help="print versions and exit")
    parser.add_argument("--db", metavar="URL", help="database to open in the desktop app")
    parser.add_argument("--demo", action="store_true", help="open the app on the demo network")
    parser.add_argument(
        "--quit-after", type=float, metavar="SECONDS", help="quit the app by itself (smoke tests)"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation end to end in a temporary folder and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def versions_text() -> str:
    """The app's version and those of the libraries that matter for a support call."""
    import ortools
    import reportlab
    import sqlalchemy

    lines = [f"mdo-planner {__version__}"]
    try:
        from importlib.metadata import version

        qt = version("PySide6-Essentials")
    except Exception:  # a frozen build may lack metadata
        qt = "unknown"
    lines += [
        f"Python {sys.version.split()[0]}",
        f"PySide6/Qt {qt}",
        # stub gap: only ortools' subpackages (ortools.sat, ...) ship py.typed, so mypy takes
        # ortools for a namespace package and never reads the __init__.py that sets this
        f"OR-Tools {ortools.__version__}",  # type: ignore[attr-defined]
        f"SQLAlchemy {sqlalchemy.__version__}",
        f"ReportLab {reportlab.Version}",
    ]
    return "\n".join(lines)


def run(ns: argparse.Namespace) -> int:
    """Run a parsed sub-command: the one place where failures become exit statuses.

    Every command inherits this mapping, so a new command needs no error handling of its
    own: a ``UserError`` or an expected failure (missing or unwritable file, full disk, busy
    or damaged database, lost server connection: :func:`mdo_planner.infra.failures.expected_failure`)
    prints one or two sentences and exits 2; anything else is a bug: one sentence naming the
    log file, exit 1, and the traceback (without exception messages that may hold patient
    data) in the log only.
    """
    from mdo_planner.infra import failures
    from mdo_planner.infra.logging_setup import current_log_file

    try:
        return int(ns.func(ns) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `mdo-planner info | head`: the reader has what it wanted
        sys.stdout = None  # no second error at interpreter exit
        return 0
    except UserError as exc:
        _print_error(ns, str(exc))
        return exc.exit_status
    except Exception as exc:  # the last line of defence: no traceback reaches a user
        status, message = failures.user_message(exc, current_log_file(), _database_file(ns))
        if status == 2:
            log.warning("%s failed: %s", ns.command, failures.safe_message(exc))
        else:
            log.error("%s failed with an unexpected error", ns.command, exc_info=exc)
        _print_error(ns, message)
        return status


def _database_file(ns: argparse.Namespace) -> Path | None:
    """The SQLite file the command works on, if any (to name its own backups)."""
    from mdo_planner.infra import config

    try:
        return config.sqlite_file_of(config.resolve_db_url(getattr(ns, "db", None)))
    except Exception:  # a bad --db is reported by the command itself
        return None


def _print_error(ns: argparse.Namespace, message: str) -> None:
    text = f"mdo-planner {ns.command}: error: {message}"
    try:
        print(text, file=sys.stderr)
    except UnicodeEncodeError:  # a terminal that cannot show a character of the message
        print(text.encode("ascii", "backslashreplace").decode("ascii"), file=sys.stderr)


def run_self_test(ns: argparse.Namespace) -> int:
    """``--self-test``: implemented in :mod:`mdo_planner.infra.selftest`."""
    from mdo_planner.infra import selftest

    return selftest.run()
