"""A mutable plan over an ``Instance``: who sits where, who attends, and what it costs.

The cost follows the contract term by term. Attendance costs ``attendance`` per expert, and
because an expert has exactly one discipline, a session staffed minimally has exactly one
expert per needed discipline: its attendance cost depends on *which disciplines* it needs,
never on *which experts* attend. Staffing is therefore pure feasibility, per discipline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from solver.cost import attendance_cost
from solver.instance import Instance


class PlanState:
    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        n_s = inst.n_sessions
        self.case_sess: list[int] = [-1] * inst.n_cases
        self.sess_cases: list[set[int]] = [set() for _ in range(n_s)]
        self.used: list[int] = [0] * n_s
        #: extra disciplines needed by the cases of a session, with multiplicity
        self.extra_need: list[Counter[str]] = [Counter() for _ in range(n_s)]
        #: session -> discipline -> attending experts
        self.staff: list[dict[str, list[int]]] = [{} for _ in range(n_s)]
        #: expert -> week -> sessions attended
        self.load: list[dict[int, int]] = [{} for _ in inst.e_ids]
        #: expert -> sessions attended
        self.attends: list[set[int]] = [set() for _ in inst.e_ids]
        # running totals, kept by every move: the search asks for the cost after each step,
        # and summing 11,500 cases each time took 9% of the search thread nationally
        self._case_total = sum(inst.c_unplanned_cost)
        self._n_att = 0
        self._n_unplanned = inst.n_cases

    # ----------------------------------------------------------------- experts
    def can_attend(self, e: int, s: int) -> bool:
        inst = self.inst
        if self.load[e].get(inst.s_week[s], 0) >= inst.e_cap[e]:
            return False
        att = self.attends[e]
        if s in att:
            return False
        return not self.busy_elsewhere(e, s)

    def busy_elsewhere(self, e: int, s: int, ignore: set[int] | None = None) -> bool:
        """Whether ``e`` attends a session overlapping ``s`` (outside ``ignore``).

        Looks through the expert's few sessions rather than through all sessions of the day,
        which nationally are hundreds.
        """
        inst = self.inst
        day, start, end = inst.s_day[s], inst.s_start[s], inst.s_end[s]
        for t in self.attends[e]:
            if (
                t != s
                and inst.s_day[t] == day
                and inst.s_start[t] < end
                and start < inst.s_end[t]
                and (ignore is None or t not in ignore)
            ):
                return True
        return False

    def add_expert(self, e: int, s: int) -> None:
        inst = self.inst
        self.staff[s].setdefault(inst.e_disc[e], []).append(e)
        self._n_att += 1
        wk = inst.s_week[s]
        self.load[e][wk] = self.load[e].get(wk, 0) + 1
        self.attends[e].add(s)

    def remove_expert(self, e: int, s: int) -> None:
        inst = self.inst
        lst = self.staff[s][inst.e_disc[e]]
        lst.remove(e)
        self._n_att -= 1
        if not lst:
            del self.staff[s][inst.e_disc[e]]
        self.load[e][inst.s_week[s]] -= 1
        self.attends[e].discard(s)

    def clear_staff(self, s: int) -> None:
        for experts in list(self.staff[s].values()):
            for e in list(experts):
                self.remove_expert(e, s)

    def needed(self, s: int) -> set[str]:
        if not self.sess_cases[s]:
            return set()
        return set(self.inst.s_core[s]) | {d for d, n in self.extra_need[s].items() if n > 0}

    def pick_expert(self, s: int, disc: str) -> int:
        """The eligible free expert whose time is least contended, or -1."""
        inst = self.inst
        wk = inst.s_week[s]
        best, best_key = -1, None
        for e in inst.s_elig[s].get(disc, ()):
            if not self.can_attend(e, s):
                continue
            free = inst.e_cap[e] - self.load[e].get(wk, 0)
            demand = inst.e_week_demand[e].get(wk, 1)
            key = (-min(free, demand) / demand, -free, e)
            if best_key is None or key < best_key:
                best, best_key = e, key
        return best

    def staff_missing(self, s: int, discs: set[str]) -> list[int] | None:
        """Add one expert for every discipline in ``discs`` missing at ``s``; all or nothing."""
        added: list[int] = []
        for d in sorted(discs):
            if self.staff[s].get(d):
                continue
            e = self.pick_expert(s, d)
            if e < 0:
                for a in added:
                    self.remove_expert(a, s)
                return None
            self.add_expert(e, s)
            added.append(e)
        return added

    def trim_staff(self, s: int) -> None:
        """Drop experts the session no longer needs (always keeps the plan valid)."""
        need = self.needed(s)
        for d, experts in list(self.staff[s].items()):
            keep = 1 if d in need else 0
            for e in list(experts[keep:]):
                self.remove_expert(e, s)

    # ------------------------------------------------------------------- cases
    def place(self, c: int, s: int) -> None:
        inst = self.inst
        self.case_sess[c] = s
        self._case_total += inst.c_cost_at[c][s] - inst.c_unplanned_cost[c]
        self._n_unplanned -= 1
        self.sess_cases[s].add(c)
        self.used[s] += inst.c_minutes[c]
        for d in inst.c_extra[c]:
            self.extra_need[s][d] += 1

    def unplace(self, c: int) -> int:
        inst = self.inst
        s = self.case_sess[c]
        if s < 0:
            return s
        self.case_sess[c] = -1
        self._case_total -= inst.c_cost_at[c][s] - inst.c_unplanned_cost[c]
        self._n_unplanned += 1
        self.sess_cases[s].discard(c)
        self.used[s] -= inst.c_minutes[c]
        for d in inst.c_extra[c]:
            self.extra_need[s][d] -= 1
        return s

    def pair_cost(self, c: int, s: int) -> int:
        return self.inst.c_cost_at[c][s]

    # -------------------------------------------------------------------- cost
    def case_cost(self, c: int) -> int:
        s = self.case_sess[c]
        return self.inst.c_unplanned_cost[c] if s < 0 else self.pair_cost(c, s)

    def attendance_count(self) -> int:
        return self._n_att

    def part_cost(self, cases: Iterable[int], sessions: Iterable[int]) -> int:
        """What a neighbourhood costs in the plan now: its cases and its sessions' attendance
        (a sub-model's objective at the current plan, and the search's priority of a piece)."""
        return sum(self.case_cost(c) for c in cases) + attendance_cost(
            self.inst.problem.weights,
            sum(len(x) for s in sessions for x in self.staff[s].values()),
        )

    def cost(self) -> int:
        return self._case_total + attendance_cost(self.inst.problem.weights, self._n_att)

    def n_unplanned(self) -> int:
        return self._n_unplanned

    def _check_totals(self) -> list[str]:
        kept = (self._case_total, self._n_att, self._n_unplanned)
        summed = (
            sum(self.case_cost(c) for c in range(self.inst.n_cases)),
            sum(len(x) for st in self.staff for x in st.values()),
            sum(1 for s in self.case_sess if s < 0),
        )
        return [] if kept == summed else [f"running totals {kept} != the sums {summed}"]

    def check(self) -> list[str]:
        """Self-check of the hard rules the state is responsible for (used by tests)."""
        inst = self.inst
        bad = self._check_totals()
        for s in range(inst.n_sessions):
            if self.used[s] > inst.s_dur[s]:
                bad.append(f"{inst.s_ids[s]} over capacity")
            for d in self.needed(s):
                if not self.staff[s].get(d):
                    bad.append(f"{inst.s_ids[s]} lacks {d}")
        for e in range(len(inst.e_ids)):
            for wk, n in self.load[e].items():
                if n > inst.e_cap[e]:
                    bad.append(f"{inst.e_ids[e]} over weekly limit in week {wk}")
            for s in self.attends[e]:
                if self.busy_elsewhere(e, s):
                    bad.append(f"{inst.e_ids[e]} in overlapping sessions")
        return bad
