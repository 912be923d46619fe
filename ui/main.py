"""Start of the desktop application: QApplication, logging, crash handler, translations,
theme, database, main window.

``mdo-planner --demo`` opens the window on the demo network; ``--quit-after SECONDS`` closes
it cleanly by itself, which the smoke tests and the packaged-build check use.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from pathlib import Path

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    Qt,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from mdo_planner import __version__
from mdo_planner.errors import UserError
from mdo_planner.infra.logging_setup import setup_logging
from ui import settings as app_settings

log = logging.getLogger(__name__)

TRANSLATIONS = Path(__file__).resolve().parent / "translations"


#: Python's cyclic collector in the desktop process: a first generation of 50,000 objects
#: instead of 700. A full collection of the app's heap (about 250,000 objects on the demo
#: network) stops every thread, the GUI's too, for about 100 ms; the worker reads of thousands
#: of rows triggered one every few seconds. Measured on the national scenario (2026-12-04):
#: Sessions' previous/next week had full collections of 125-136 ms in 2 of 12 clicks with the
#: default and none with this; the worklist's slowest open 198-208 ms instead of 277-291 ms,
#: medians unchanged.
GC_THRESHOLDS = (50_000, 20, 10)


def configure_gc() -> None:
    """Collect cyclic garbage in larger, rarer batches (see ``GC_THRESHOLDS``)."""
    gc.set_threshold(*GC_THRESHOLDS)


def install_translations(app: QApplication, language: str) -> str:
    """Load the Dutch catalogue (ours and Qt's own) when the UI language is Dutch.

    ``language`` is a setting: ``system`` follows the system locale. Returns the language used.
    """
    if language == "system":
        language = "nl" if QLocale.system().language() == QLocale.Language.Dutch else "en"
    if language == "nl":
        QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (("qtbase_nl", qt_dir), ("mdo_planner_nl", str(TRANSLATIONS))):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
            else:
                log.warning("translation %s not found in %s", name, folder)
    else:
        # The application is written in English; dates and numbers still follow the system.
        QLocale.setDefault(QLocale.system())
    return language


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own diagnostics go to our log file, not to a terminal nobody reads."""
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        # Sharp on fractional HiDPI scales (150 %, 175 % on hospital laptops): Qt 6 scales by
        # default; pass the exact factor through instead of rounding it.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(app_settings.ORGANISATION)
    app.setApplicationName(app_settings.APPLICATION)
    app.setApplicationDisplayName("MDO Planner")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("mdo-planner")
    return app


def open_startup_database(ns: argparse.Namespace) -> object:
    """The database for this run: the demo, ``--db``, or the configured one."""
    if getattr(ns, "demo", False) and not getattr(ns, "db", None):
        from mdo_planner.demo import ensure_demo_database

        return ensure_demo_database()
    from mdo_planner.services.base import open_database

    return open_database(getattr(ns, "db", None))


def main(ns: argparse.Namespace) -> int:
    """Run the desktop application; returns the process exit status."""
    from ui.context import AppContext
    from ui.crash import CrashHandler
    from ui.main_window import MainWindow
    from ui.theme import ThemeFollower

    setup_logging("gui")
    configure_gc()
    qInstallMessageHandler(_qt_message)
    app = create_application()
    settings = app_settings.open_settings()
    install_translations(app, app_settings.language(settings))
    ThemeFollower(app)
    crash = CrashHandler(app)
    crash.install()
    quit_after = getattr(ns, "quit_after", None)
    try:
        try:
            db = open_startup_database(ns)
        except Exception as error:  # expected failures get the same sentence as the CLI
            from mdo_planner.infra.failures import expected_failure

            message = expected_failure(error)
            if message is None:  # a bug: logged, filed and shown in the crash dialog
                crash_file = crash.report_now(error, show=quit_after is None)
                if quit_after is not None:  # automation: one sentence, no dialog
                    from mdo_planner.infra.logging_setup import log_file

                    print(
                        f"mdo-planner: error: unexpected error ({type(error).__name__}) "
                        f"opening the database; the details are in {crash_file or log_file()}",
                        file=sys.stderr,
                    )
                return 1
            exc = error if isinstance(error, UserError) else UserError(message)
            log.error("cannot open the database: %s", exc)
            if quit_after is not None:  # automation: nobody is there to close a dialog
                print(f"mdo-planner: error: {exc}", file=sys.stderr)
            else:
                text = str(exc)
                QMessageBox.critical(None, "MDO Planner", text[:1].upper() + text[1:])
            return 2
        ctx = AppContext(db, settings=settings)  # type: ignore[arg-type]
        ctx.start_routine_backups()
        window = MainWindow(
            ctx, first_start_check=not getattr(ns, "demo", False) and quit_after is None
        )
        window.show()
        if quit_after is not None:
            # Automation (smoke tests, packaging checks): close without asking questions.
            window.force_close = True
            QTimer.singleShot(int(max(0.0, quit_after) * 1000), window.close)
        status = app.exec()
        ctx.wait_for_tasks(10_000)
        if ctx.has_db:
            ctx.db.dispose()
        log.info("gui closed with status %s", status)
        return status
    finally:
        crash.uninstall()
