"""Building the demo's rows in memory, deterministically for a seed and a start date."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from mdo_planner.demo.figures import (
    HOSPITALS,
    LEAVE_REASONS,
    NETWORK,
    PHASES,
    QUESTIONS,
    TUMOUR_GROUPS,
    WEEKS,
    _bsn,
    _doctor,
    _Hospital,
    _name,
    _weighted,
    monthly_registrations,
)


class _Builder:
    """Builds the demo rows in memory; ``_write`` then bulk-inserts them in one go."""

    def __init__(self, seed: int, start: dt.date) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.start = start
        self.end = start + dt.timedelta(weeks=WEEKS) - dt.timedelta(days=1)

    # ------------------------------------------------------------------ meetings
    def series(self) -> list[dict[str, Any]]:
        """Weekly local, regional and supra-regional MDOs, as a network really runs them."""
        rng = self.rng
        out: list[dict[str, Any]] = []
        slots = [
            dt.time(7, 45),
            dt.time(8, 0),
            dt.time(12, 30),
            dt.time(13, 0),
            dt.time(16, 0),
            dt.time(16, 30),
            dt.time(17, 0),
        ]
        for h in HOSPITALS:
            if h.kind == "national":
                continue
            used: set[tuple[int, dt.time]] = set()
            for code, name, incidence, _core, _spec, general in TUMOUR_GROUPS:
                if code == "SARCOMA":
                    continue  # expert centre only
                if not general and h.kind == "general":
                    continue  # small tumour groups: local MDOs only at the larger hospitals
                fortnightly = incidence < 4_000 and h.kind != "umc"
                while True:
                    slot = (rng.randint(1, 5), rng.choice(slots))
                    if slot not in used:
                        used.add(slot)
                        break
                out.append(
                    dict(
                        name=f"{name} – local – {h.name}",
                        tg=code,
                        echelon="local",
                        hospital=h.code,
                        weekday=slot[0],
                        start_time=slot[1],
                        duration_min=60 if incidence > 10_000 else 45,
                        frequency_weeks=2 if fortnightly else 1,
                        mode=rng.choice(("in_person", "hybrid", "hybrid")),
                    )
                )
        # Regional MDOs of the network, hosted by the UMC or the large teaching hospital.
        for i, (code, name, incidence, *_rest) in enumerate(TUMOUR_GROUPS):
            if code == "SARCOMA":
                continue
            host = "ZV-UMC" if i % 2 == 0 else "ZV-SEG"
            out.append(
                dict(
                    name=f"{name} – regional – {NETWORK[1]}",
                    tg=code,
                    echelon="regional",
                    hospital=host,
                    weekday=1 + i % 5,
                    start_time=dt.time(17, 0) if i % 3 else dt.time(8, 0),
                    duration_min=90 if incidence > 8_000 else 60,
                    frequency_weeks=1,
                    mode="video",
                )
            )
        # Supra-regional (expert-centre) MDOs: the UMC for most groups, the national centre
        # for the rare ones.
        for i, (code, name, incidence, *_rest) in enumerate(TUMOUR_GROUPS):
            hosts = ["ZV-UMC"]
            if incidence < 5_000:
                hosts.append("NKC")
            for host in hosts:
                out.append(
                    dict(
                        name=f"{name} – supra-regional – {host}",
                        tg=code,
                        echelon="supraregional",
                        hospital=host,
                        weekday=1 + (i + 2) % 5,
                        start_time=dt.time(12, 30) if host == "NKC" else dt.time(16, 0),
                        duration_min=60,
                        frequency_weeks=1,
                        mode="video",
                    )
                )
        for s in out:
            s["video_link"] = (
                f"https://meet.zuiderveld.example/mdo/{s['tg'].lower()}-{s['echelon']}"
                if s["mode"] != "in_person"
                else None
            )
        return out

    # ------------------------------------------------------------------ experts
    def experts(self) -> list[dict[str, Any]]:
        """Enough experts per hospital and tumour group for quorum despite leave."""
        rng = self.rng
        experts: list[dict[str, Any]] = []
        zv = [h.code for h in HOSPITALS if h.network == "ZV"]
        rt_centres = {
            "ZV-UMC": ["ZV-UMC", "ZV-RIJ", "ZV-AMS", "ZV-BRK"],
            "ZV-SEG": ["ZV-SEG", "ZV-HEV", "ZV-WLD", "ZV-IJS"],
            "NKC": ["NKC"],
        }

        def add(
            disc: str,
            hosp: _Hospital,
            groups: list[str],
            serves: list[str] | None = None,
            max_echelon: str | None = None,
        ) -> None:
            if max_echelon is None:
                max_echelon = {
                    "umc": "supraregional",
                    "national": "supraregional",
                    "teaching": "regional",
                }.get(hosp.kind) or ("regional" if rng.random() < 0.35 else "local")
            experts.append(
                dict(
                    discipline=disc,
                    hospital=hosp.code,
                    serves=serves or [hosp.code],
                    tumour_groups=sorted(set(groups)),
                    max_echelon=max_echelon,
                    max_sessions_per_week=rng.choice((3, 4, 5, 6, 8))
                    if disc in ("RADIOL", "PATH")
                    else rng.choice((2, 3, 4, 5)),
                )
            )

        for h in HOSPITALS:
            groups_here = [
                tg
                for tg, _n, _i, _c, _s, general in TUMOUR_GROUPS
                if h.kind in ("umc", "national")
                or (tg != "SARCOMA" and (general or h.kind == "teaching"))
            ]
            if h.kind == "national":
                groups_here = [tg for tg, _n, inc, *_ in TUMOUR_GROUPS if inc < 5_000]
            per = 3 if h.kind in ("umc", "national") else 2
            # Organ specialists and nurse specialists belong to one tumour group.
            for tg, _n, _i, core, spec, _g in TUMOUR_GROUPS:
                if tg not in groups_here:
                    continue
                for disc in dict.fromkeys(
                    (
                        spec,
                        *[
                            d
                            for d in core
                            if d
                            in (
                                "SURG",
                                "GASTRO",
                                "PULM",
                                "URO",
                                "GYN",
                                "ENT",
                                "DERM",
                                "HAEM",
                                "NEURO",
                                "NURSE",
                            )
                        ],
                    )
                ):
                    for _ in range(per):
                        add(disc, h, [tg])
            # Radiologists, pathologists, medical oncologists and nuclear medicine physicians
            # cover several groups of their own hospital.
            for disc, size in (("RADIOL", 3), ("PATH", 3), ("MED_ONC", 3), ("NUC", 6)):
                needing = [
                    tg
                    for tg, _n, _i, core, _s, _g in TUMOUR_GROUPS
                    if tg in groups_here and disc in core
                ]
                for start in range(0, len(needing), size):
                    for _ in range(per):
                        add(disc, h, needing[start : start + size])
            # Radiation oncologists work from a radiotherapy centre for several hospitals.
            if h.radiotherapy:
                needing = [
                    tg
                    for tg, _n, _i, core, _s, _g in TUMOUR_GROUPS
                    if "RAD_ONC" in core and (h.kind != "national" or tg in groups_here)
                ]
                for start in range(0, len(needing), 2):
                    for _ in range(per):
                        add(
                            "RAD_ONC",
                            h,
                            needing[start : start + 2],
                            serves=rt_centres[h.code],
                            max_echelon="supraregional" if h.kind != "teaching" else "regional",
                        )
            # Geriatricians at every hospital, clinical geneticists at the expert centres.
            all_groups = [tg for tg, *_ in TUMOUR_GROUPS]
            # Two geriatricians per hospital: frail patients (R4, GERIATR) are common enough
            # that one with leave would leave them unplanned.
            for _ in range(2):
                add(
                    "GERIATR",
                    h,
                    all_groups,
                    max_echelon="regional" if h.kind != "general" else "local",
                )
            if h.kind in ("umc", "national"):
                for _ in range(2):
                    add(
                        "CLIN_GEN",
                        h,
                        all_groups,
                        serves=zv if h.kind == "umc" else [h.code],
                        max_echelon="supraregional",
                    )
        for i, e in enumerate(experts, start=1):
            e["code"] = f"E{i:04d}"
            e["name"] = _doctor(rng)
            e["email"] = None
            e["leave"] = self._leave()
        return experts

    def _leave(self) -> list[tuple[dt.date, dt.date, str]]:
        rng = self.rng
        out: list[tuple[dt.date, dt.date, str]] = []
        if rng.random() < 0.35:  # a holiday week or two
            first = self.start + dt.timedelta(days=rng.randint(-3, 7 * WEEKS - 5))
            out.append((first, first + dt.timedelta(days=rng.choice((4, 6, 11))), "holiday"))
        if rng.random() < 0.15:  # a conference or course
            first = self.start + dt.timedelta(days=rng.randint(0, 7 * WEEKS - 3))
            out.append(
                (
                    first,
                    first + dt.timedelta(days=rng.randint(0, 2)),
                    rng.choice(LEAVE_REASONS[1:3]),
                )
            )
        out.sort()
        merged: list[tuple[dt.date, dt.date, str]] = []
        for s, e, r in out:  # periods must not overlap, for a tidy leave list
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]), merged[-1][2])
            else:
                merged.append((s, e, r))
        return merged

    # ------------------------------------------------------------------ cases
    def complexity(self, phase: str, tg: str, age: int) -> dict[str, Any]:
        rng = self.rng

        def p(x: float) -> bool:
            return rng.random() < x

        rare = tg in ("SARCOMA", "NEURO") or p(0.02)
        return {
            "phase": phase,
            "stage": rng.choice(("0", "I", "II", "II", "III", "III", "IV"))
            if phase != "follow_up"
            else None,
            "pathology_available": not p(0.03),
            "imaging_available": not p(0.02),
            "rare_tumour": rare and p(0.6),
            "rare_molecular_alteration": p(0.015),
            "second_opinion": p(0.02),
            "no_consensus_previous": p(0.01),
            "previous_echelon": "local"
            if phase in ("recurrence", "post_operative") and p(0.3)
            else None,
            "centralised_procedure": tg in ("HPB", "UPPER_GI")
            and phase == "pre_treatment"
            and p(0.5),
            "recurrence": phase == "recurrence",
            "metastatic": p(0.08),
            "curative_options": p(0.3),
            "multimodal": phase == "pre_treatment" and p(0.12),
            "discordant_findings": p(0.03),
            "guideline_deviation": p(0.02),
            "trial_candidate": p(0.03),
            "frailty": age >= 75 and p(0.25),
            "cognitive_impairment": age >= 80 and p(0.08),
            "significant_comorbidity": p(0.06),
            "previous_treatment_failure": phase == "palliative" and p(0.3),
            "psychosocial_issues": p(0.03),
            "conflicting_preference": p(0.02),
            "hereditary_suspected": tg in ("BREAST", "COLORECTAL", "GYN") and age < 50 and p(0.4),
            "age": age,
            "who_performance": rng.choice((0, 0, 1, 1, 1, 2, 2, 3)),
            "standard_of_care": phase in ("follow_up", "post_operative") and p(0.35),
        }

    def cases(self, experts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A month of registrations, spread over the tumour groups by NKR incidence."""
        rng = self.rng
        zv_hospitals = [h for h in HOSPITALS if h.network == "ZV"]
        # Larger hospitals see more patients.
        h_weights = [{"umc": 2.0, "teaching": 1.6, "general": 1.0}[h.kind] for h in zv_hospitals]
        tg_codes = [t[0] for t in TUMOUR_GROUPS]
        tg_weights = [t[2] for t in TUMOUR_GROUPS]
        spec_of = {t[0]: t[4] for t in TUMOUR_GROUPS}
        presenters: dict[tuple[str, str], list[str]] = {}
        for e in experts:
            for tg in e["tumour_groups"]:
                if e["discipline"] == spec_of[tg]:
                    presenters.setdefault((e["hospital"], tg), []).append(e["name"])
        n = monthly_registrations()
        cases: list[dict[str, Any]] = []
        patients: list[dict[str, Any]] = []
        first_day = self.start - dt.timedelta(days=7)  # last week's registrations are ready now
        for i in range(1, n + 1):
            # ~10% of this month's registrations are a patient's second discussion.
            if patients and rng.random() < 0.10:
                patient = rng.choice(patients)
                phase = "post_operative"
            else:
                hospital = rng.choices(zv_hospitals, weights=h_weights)[0]
                tg = rng.choices(tg_codes, weights=tg_weights)[0]
                age = max(18, min(97, round(rng.gauss(68, 12))))
                first, last = _name(rng)
                birth = dt.date(self.start.year - age, 1, 1) + dt.timedelta(
                    days=rng.randint(0, 364)
                )
                patient = {
                    "ref": f"P-{rng.randint(100000, 999999)}",
                    "name": f"{first} {last}",
                    "number": f"{hospital.code.split('-')[-1]}{rng.randint(1000000, 9999999)}",
                    "bsn": _bsn(rng) if rng.random() < 0.8 else None,
                    "birth": birth,
                    "age": age,
                    "hospital": hospital.code,
                    "tg": tg,
                }
                patients.append(patient)
                phase = _weighted(rng, PHASES)
            tg = patient["tg"]
            registered = first_day + dt.timedelta(days=rng.randint(0, 27))
            ready = registered + dt.timedelta(days=rng.choice((0, 1, 2, 3, 5, 7)))
            # Registrations come in before the meeting series' cut-off (up to 5 working days
            # before a regional MDO), as the preparation of imaging and pathology needs; one
            # in 25 arrives late, so the demo shows what the review does with it. (Same random
            # draws as before: the demo network stays the same.)
            registered = ready if i % 25 == 0 else ready - dt.timedelta(days=8)
            urgent = rng.random() < 0.07
            due = ready + dt.timedelta(days=rng.randint(2, 5) if urgent else rng.randint(7, 21))
            no_question = rng.random() < 0.02
            question = "" if no_question else rng.choice(QUESTIONS[phase])
            physician = rng.choice(presenters.get((patient["hospital"], tg)) or [_doctor(rng)])
            cases.append(
                {
                    "code": f"C{i:05d}",
                    "patient": patient,
                    "phase": phase,
                    "tg": tg,
                    "registered": registered,
                    "ready": ready,
                    "due": due,
                    "urgent": urgent,
                    "question": question,
                    "physician": physician,
                    "complexity": self.complexity(phase, tg, patient["age"]),
                }
            )
        return cases
