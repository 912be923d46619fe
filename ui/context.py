"""The application context every workspace receives: database, user, settings, signals and
background jobs.

Workspaces never talk to each other directly. One workspace changes data through a service
and announces it with ``dataChanged("cases")``; the others refresh what they show. Swapping
the database (File → Open) emits ``databaseChanged`` and every workspace reloads. This keeps
the seven workspaces independent, as in Anki's ``mw``/``col`` split.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, QSettings, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QUndoGroup

from ui.tasks import Task, TaskFailure

if TYPE_CHECKING:
    from mdo_planner.services.base import Database

log = logging.getLogger(__name__)

#: Entities announced through ``AppContext.dataChanged``.
ENTITIES = ("cases", "sessions", "experts", "network", "plan", "agenda")


class AppContext(QObject):
    """Shared state of one running application window."""

    databaseChanged = Signal()
    dataChanged = Signal(str)
    statusMessage = Signal(str)
    #: Number of background tasks still running (for a busy indicator).
    tasksChanged = Signal(int)
    #: A workspace asks to open a case in the case editor (0 = register a new case).
    caseRequested = Signal(int)
    #: A workspace asks the window to show another workspace by name ("planning"): the way
    #: back after a detour, e.g. from the review to a case and back.
    workspaceRequested = Signal(str)
    #: Open a case and offer the way back to the named workspace (case id, workspace).
    caseRequestedFrom = Signal(int, str)
    #: Plan again only the days from .. to (a leave conflict): Planning takes the horizon
    #: and runs.
    replanRequested = Signal(QDate, QDate)
    #: A background task that announced itself ("Publishing the plan…") has ended: the
    #: announcement is no longer true (the status bar takes it away).
    taskEnded = Signal(str)

    def __init__(
        self,
        db: Database | None = None,
        *,
        user: str | None = None,
        settings: QSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if user is None:
            from mdo_planner.services.base import current_user

            user = current_user()
        self._db = db
        self.user: str = user
        self.settings: QSettings = settings if settings is not None else QSettings()
        self.undo_group = QUndoGroup(self)
        # Reads and computations may run side by side (two cores); writes to the database go
        # through one thread so that SQLite never sees two writers from this process.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.writer_pool = QThreadPool(self)
        self.writer_pool.setMaxThreadCount(1)
        self._tasks: set[Task] = set()

    # ------------------------------------------------------------------ database
    @property
    def db(self) -> Database:
        """The open database; a workspace is never shown without one."""
        if self._db is None:
            raise RuntimeError("no database is open")
        return self._db

    @property
    def has_db(self) -> bool:
        return self._db is not None

    def set_database(self, db: Database) -> None:
        """Switch to another database; the old one is closed once no task uses it."""
        old = self._db
        # A running plan or export belongs to the old database: stop it (the solver stops
        # within a second and keeps nothing half-written) before the switch.
        self.cancel_all()
        self.wait_for_tasks()
        self._db = db
        if old is not None and old is not db:
            old.dispose()
        self.databaseChanged.emit()

    # ------------------------------------------------------------------ routine backups
    def start_routine_backups(self, interval_ms: int = 3_600_000) -> None:
        """Check hourly whether the daily copy of an SQLite database is due: a desktop app
        left open for days still gets its daily backup (opening it made the first)."""
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(interval_ms)
        self._backup_timer.timeout.connect(self.routine_backup)
        self._backup_timer.start()

    @Slot()
    def routine_backup(self) -> Task | None:
        """Make the daily copy in a worker thread if it is due (SQLite only)."""
        if not self.has_db or not self.db.is_sqlite:
            return None
        return self.run_task(_routine_backup_job, self.db, on_failure=self._backup_failed)

    def _backup_failed(self, failure: TaskFailure) -> None:
        log.warning("routine backup failed: %s", failure)

    def notify(self, entity: str) -> None:
        """Announce that ``entity`` data changed (validates the name to catch typos)."""
        if entity not in ENTITIES:
            raise ValueError(f"unknown entity {entity!r}; expected one of {ENTITIES}")
        self.dataChanged.emit(entity)

    # ------------------------------------------------------------------ tasks
    def run_task(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[TaskFailure], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        cancellable: bool = False,
        description: str = "",
        writes: bool = False,
    ) -> Task:
        """Run ``fn(*args, state)`` in a worker thread; callbacks run in the GUI thread.

        ``writes=True`` queues the job on the single database-writer thread. Without an
        ``on_failure`` callback a failure is shown in the status bar and logged, so that no
        error disappears silently.
        """
        task = Task(
            description,
            on_success=on_success,
            on_failure=on_failure if on_failure is not None else self._report_failure,
            on_progress=on_progress,
            cancellable=cancellable,
            parent=self,
        )
        self._tasks.add(task)
        task.finished.connect(self._task_finished)
        if description:
            self.statusMessage.emit(description)
        task.start(fn, args, self.writer_pool if writes else self.pool)
        self.tasksChanged.emit(len(self._tasks))
        return task

    def query(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[TaskFailure], None] | None = None,
        description: str = "",
        **kwargs: Any,
    ) -> Task:
        """Read: run ``fn(db, *args, **kwargs)`` in a reader thread, deliver the result to
        ``on_success`` in the GUI thread.

        This and :meth:`mutate` are the only ways the GUI reaches the database (Anki's
        ``QueryOp``/``CollectionOp``): on a network server every query is a round trip, and
        on the GUI thread it would freeze the window for its duration. The UI tests fail any
        database connection opened on the GUI thread (``tests/ui/conftest.py``).
        """
        return self._with_db(fn, args, kwargs, on_success, on_failure, description, False)

    def mutate(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[TaskFailure], None] | None = None,
        description: str = "",
        **kwargs: Any,
    ) -> Task:
        """Write: like :meth:`query`, but queued on the single writer thread, so that SQLite
        never sees two writers from this process and writes happen in the order asked."""
        return self._with_db(fn, args, kwargs, on_success, on_failure, description, True)

    def _with_db(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[TaskFailure], None] | None,
        description: str,
        writes: bool,
    ) -> Task:
        return self.run_task(
            _call_with_db,
            fn,
            self.db,
            args,
            kwargs,
            on_success=on_success,
            on_failure=on_failure,
            description=description,
            writes=writes,
        )

    @property
    def running_tasks(self) -> list[Task]:
        return [t for t in self._tasks if not t.done]

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def wait_for_tasks(self, msecs: int = -1) -> bool:
        """Block until worker threads are idle (used on shutdown and database switch)."""
        ok = self.pool.waitForDone(msecs)
        return self.writer_pool.waitForDone(msecs) and ok

    @Slot()
    def _task_finished(self) -> None:
        task = self.sender()
        if isinstance(task, Task):
            self._tasks.discard(task)
            if task.description:
                self.taskEnded.emit(task.description)
            task.deleteLater()
        self.tasksChanged.emit(len(self._tasks))

    def _report_failure(self, failure: TaskFailure) -> None:
        if failure.cancelled:
            self.statusMessage.emit(self.tr("Cancelled."))
        else:
            self.statusMessage.emit(self.tr("Failed: {0}").format(failure))


def _call_with_db(
    fn: Callable[..., Any],
    db: Database,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    _state: object,
) -> Any:
    """The worker's side of :meth:`AppContext.query` and :meth:`AppContext.mutate`."""
    return fn(db, *args, **kwargs)


def _routine_backup_job(db: Database, _state: object) -> object:
    from mdo_planner.infra.backups import backup_if_due

    return backup_if_due(db)
