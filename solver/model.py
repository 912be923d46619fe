"""The solver's public data: what goes in (``Problem``), how to run (``SolveOptions``), what
comes out (``Result``), and the two hooks a front end needs (``Progress``, ``CancelToken``).

Plain dataclasses with string ids, so that the database layer, the scenario importer and the
tests can all build a problem without knowing anything about OR-Tools, and map the plan back
onto their own keys.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from solver import contract
from solver.cost import Weights as Weights  # defined with the cost formula; re-exported

#: Echelon levels, lowest first; a case may sit at its level or higher (solver.contract).
ECHELONS: tuple[str, ...] = contract.ECHELONS
LEVEL: dict[str, int] = contract.LEVEL


@dataclass(frozen=True)
class Case:
    """A case to discuss, with its required echelon already decided (triage happens before)."""

    id: str
    hospital: str
    tumour_group: str
    echelon: str
    minutes: int
    ready: date
    due: date
    urgent: bool = False
    extra_disciplines: tuple[str, ...] = ()
    pinned_session: str | None = None
    previous_session: str | None = None


@dataclass(frozen=True)
class Session:
    """A tumour-board meeting slot; ``start_min`` is minutes after midnight."""

    id: str
    tumour_group: str
    echelon: str
    hospital: str
    date: date
    start_min: int
    duration_min: int
    #: the experts who attend it in the published plan: kept wherever they still can
    previous_experts: tuple[str, ...] = ()
    #: its agenda was sent: its previous attendees have first claim on their time
    frozen: bool = False


@dataclass(frozen=True)
class Expert:
    """A specialist who may attend sessions; ``max_per_week`` None means unlimited."""

    id: str
    discipline: str
    hospital: str
    tumour_groups: tuple[str, ...]
    serves: tuple[str, ...] = ()
    max_echelon: str = "local"
    max_per_week: int | None = None
    unavailable: tuple[tuple[date, date], ...] = ()
    name: str = ""


@dataclass(frozen=True)
class Problem:
    """Everything the planner needs: the network, the meetings, the experts and the cases."""

    horizon_start: date
    horizon_end: date
    #: hospital id -> network id
    hospital_network: dict[str, str]
    #: tumour group code -> its core disciplines (the quorum of every session with cases)
    core_disciplines: dict[str, tuple[str, ...]]
    sessions: tuple[Session, ...]
    experts: tuple[Expert, ...]
    cases: tuple[Case, ...]
    weights: Weights = field(default_factory=Weights)
    #: discipline code -> readable name, for explanations ("no radiation oncologist ...")
    discipline_names: dict[str, str] = field(default_factory=dict)
    #: hospital id -> readable name, for explanations
    hospital_names: dict[str, str] = field(default_factory=dict)
    #: network id -> readable name, for explanations
    network_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SolveOptions:
    """How hard and how reproducibly to search.

    ``deterministic`` makes the result depend only on the problem and the seed: every CP-SAT
    call runs on one worker with a deterministic-time limit and the improvement loop stops
    after ``max_rounds`` rounds, so the wall-clock ``time_limit_s`` is only a safety net.
    """

    time_limit_s: float = 10.0
    workers: int = 2
    seed: int = 0
    greedy_only: bool = False
    deterministic: bool = False
    max_rounds: int | None = None


@dataclass(frozen=True)
class Progress:
    """A progress report; safe to forward to another thread (immutable)."""

    phase: str
    best_cost: int | None
    bound: int | None
    elapsed_s: float
    unplanned: int | None = None
    #: the part of every plan's cost (and of the bound) no search can change: cases that no
    #: session can take. The honest gap is (cost - bound) / (cost - constant).
    constant: int = 0


@dataclass(frozen=True)
class CostTerms:
    """The cost of one placed case, split the way a planner reasons about it."""

    late: int = 0
    escalation: int = 0
    wait: int = 0
    moved: int = 0

    @property
    def total(self) -> int:
        return self.late + self.escalation + self.wait + self.moved


@dataclass(frozen=True)
class Alternative:
    """The cheapest other session the case could have gone to, and what it would cost there."""

    session: str
    cost: int
    note: str


@dataclass(frozen=True)
class CaseExplanation:
    """Why a planned case sits where it does."""

    session: str
    terms: CostTerms
    alternative: Alternative | None


@dataclass(frozen=True)
class Assignment:
    session: str
    start_min: int


@dataclass
class Result:
    """A plan: every case either assigned or unplanned with a reason a secretary can act on."""

    status: str
    objective: int
    bound: int | None
    gap: float | None
    wall_s: float
    assignments: dict[str, Assignment]
    attendance: dict[str, list[str]]
    unplanned: dict[str, str]
    explanations: dict[str, CaseExplanation]
    metrics: dict[str, int] = field(default_factory=dict)
    #: how the plan was reached (phases, improvements), for the log and the benchmark
    log: list[str] = field(default_factory=list)
    #: cost of the cases no session can take: part of ``objective`` and ``bound`` alike
    constant: int = 0
    #: the gap on what the search decides: (objective - bound) / (objective - constant);
    #: ``gap`` divides by the whole objective and so looks smaller than it is
    search_gap: float | None = None
    #: what the search did: sub-models, staffing repairs and rejections, (elapsed s, cost,
    #: bound) after each improvement; for the log and the benchmark
    search: dict[str, object] = field(default_factory=dict)


class CancelToken:
    """Stop a running solve from another thread; the solve returns its best plan so far.

    CP-SAT ignores ``stop_search()`` called before its search has started, so the token keeps
    calling it on the running solver until the solve has noticed (a watchdog thread).
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._stoppers: list[Callable[[], None]] = []

    def cancel(self) -> None:
        self._event.set()
        with self._lock:
            stoppers = list(self._stoppers)
        for stop in stoppers:
            stop()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def wait(self, timeout: float) -> bool:
        return self._event.wait(timeout)

    def register(self, stop: Callable[[], None]) -> None:
        with self._lock:
            self._stoppers.append(stop)
        if self._event.is_set():
            stop()

    def unregister(self, stop: Callable[[], None]) -> None:
        with self._lock:
            if stop in self._stoppers:
                self._stoppers.remove(stop)
