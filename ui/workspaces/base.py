"""The base class of every workspace (Picard's ``OptionsPage`` idea): what each of the
workspaces used to re-type in its own ``__init__`` lives here once.

A :class:`Workspace` owns

* the application context (``self.ctx``), its title (``self.title``, shown in the navigation
  and the window title) and its object name (what tests and screenshots find it by);
* a :class:`~ui.workspaces._support.MessageBar` (``self.message``) for refusals and notices;
* optionally an undo stack, registered with the window's undo group and made active when the
  workspace is shown;
* the refresh wiring: a switched database reloads it, a change to one of the entities it
  ``watches`` reloads it at once when visible and when next shown otherwise;
* the task layer: :meth:`query` and :meth:`mutate` run a service in a worker thread and bring
  the result back to the GUI thread. A refusal (:class:`~mdo_planner.errors.UserError`) lands
  in the message bar, any other failure too (with the sentence the command line would print);
  a result that arrives after the workspace was closed is dropped. The GUI thread never opens
  a database connection itself (the UI tests fail when it does).

A subclass calls ``super().__init__(ctx, title=..., name=..., watches=(...))``, builds its
widgets, and implements :meth:`reload`. It never calls a service directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import QWidget

from mdo_planner.errors import UserError
from ui.workspaces._support import MessageBar, alive, defer_if_hidden, take_stale

if TYPE_CHECKING:
    from ui.context import AppContext
    from ui.tasks import Task, TaskFailure


class Workspace(QWidget):
    """One screen of the main window; see the module docstring for what it provides."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        title: str,
        name: str,
        watches: Iterable[str] = (),
        undoable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = title
        self.setObjectName(name)
        self.message = MessageBar(self)
        #: The entities (``AppContext.ENTITIES``) whose change makes this workspace reload.
        self.watches = frozenset(watches)
        self.undo_stack: QUndoStack | None = None
        if undoable:
            self.undo_stack = QUndoStack(self)
            ctx.undo_group.addStack(self.undo_stack)
        # The newest request per key: an older answer that arrives later is dropped, so a
        # slow reload can never overwrite what a newer one showed.
        self._latest: dict[str, int] = {}
        self._serial = 0
        self._tasks: list[Task] = []
        ctx.databaseChanged.connect(self._database_changed)
        ctx.dataChanged.connect(self._data_changed)

    # ------------------------------------------------------------------ to implement
    def reload(self) -> None:
        """Load what the workspace shows (through :meth:`query`); called after a database
        switch, a watched change, and on showing a workspace that missed a change."""
        raise NotImplementedError

    def database_switched(self) -> None:
        """A different database was opened: forget the old one's selection, then reload.
        Subclasses that keep a selection clear it and call ``super()``."""
        self.reload()

    # ------------------------------------------------------------------ wiring
    @Slot()
    def _database_changed(self) -> None:
        if self.ctx.has_db:
            self.message.clear()
            self.database_switched()

    @Slot(str)
    def _data_changed(self, entity: str) -> None:
        if entity in self.watches and self.ctx.has_db and not defer_if_hidden(self):
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        if self.undo_stack is not None:
            self.undo_stack.setActive(True)
        if take_stale(self) and self.ctx.has_db:
            self.reload()
        super().showEvent(event)

    # ------------------------------------------------------------------ the task layer
    def query(
        self,
        fn: Callable[..., Any],
        *args: Any,
        then: Callable[[Any], None] | None = None,
        key: str | None = None,
        failed: Callable[[TaskFailure], None] | None = None,
        description: str = "",
        **kwargs: Any,
    ) -> Task:
        """Read through ``fn(db, *args, **kwargs)`` in a worker; ``then(result)`` runs in the
        GUI thread. With ``key``, only the newest request of that key delivers its result."""
        return self._start(False, fn, args, kwargs, then, key, failed, description)

    def mutate(
        self,
        fn: Callable[..., Any],
        *args: Any,
        then: Callable[[Any], None] | None = None,
        failed: Callable[[TaskFailure], None] | None = None,
        description: str = "",
        **kwargs: Any,
    ) -> Task:
        """Write through ``fn(db, *args, **kwargs)`` on the writer thread; ``then(result)``
        runs in the GUI thread. A refusal is shown in the message bar (or given to
        ``failed``) and ``then`` is not called, so a form keeps what the user typed."""
        return self._start(True, fn, args, kwargs, then, None, failed, description)

    def _start(
        self,
        writes: bool,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        then: Callable[[Any], None] | None,
        key: str | None,
        failed: Callable[[TaskFailure], None] | None,
        description: str,
    ) -> Task:
        self._serial += 1
        serial = self._serial
        if key is not None:
            self._latest[key] = serial
        delivery = _Delivery(self, then, failed, key, serial)
        start = self.ctx.mutate if writes else self.ctx.query
        task = start(
            fn,
            *args,
            on_success=delivery.succeeded,
            on_failure=delivery.failed,
            description=description,
            **kwargs,
        )
        self._tasks = [t for t in self._tasks if not t.done]
        self._tasks.append(task)
        return task

    def _current(self, key: str | None, serial: int) -> bool:
        return key is None or self._latest.get(key) == serial

    def show_failure(self, failure: TaskFailure) -> None:
        """What a failed task shows by default: a refusal as the service worded it, anything
        else as the sentence the command line prints (pointing to the log for a bug)."""
        if failure.cancelled:
            self.message.show_message(self.tr("Cancelled."), "info")
        elif isinstance(failure.exception, UserError):
            self.message.show_message(str(failure.exception), "error")
        else:
            self.message.show_message(str(failure), "error")

    @property
    def busy(self) -> bool:
        """Whether one of this workspace's tasks is still running."""
        return any(not t.done for t in self._tasks)


class _Delivery:
    """Brings one task's outcome to its workspace, unless the workspace is gone (``alive``)
    or a newer request of the same key was made."""

    def __init__(
        self,
        workspace: Workspace,
        then: Callable[[Any], None] | None,
        failed: Callable[[TaskFailure], None] | None,
        key: str | None,
        serial: int,
    ) -> None:
        self.workspace = workspace
        self.then = then
        self.on_failed = failed
        self.key = key
        self.serial = serial

    @alive
    def succeeded(self, result: Any) -> None:
        if self.then is not None and self.workspace._current(self.key, self.serial):
            self.then(result)

    @alive
    def failed(self, failure: TaskFailure) -> None:
        if not self.workspace._current(self.key, self.serial):
            return
        if self.on_failed is not None:
            self.on_failed(failure)
        else:
            self.workspace.show_failure(failure)
