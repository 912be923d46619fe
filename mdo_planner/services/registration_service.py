"""Registering cases from other systems (CSV/Excel lists, FHIR Bundles) in two phases.

Phase one checks every record against the database's hospitals, tumour groups and disciplines
and collects *every* problem with its row and column (or JSON path), so the secretary fixes the
file once instead of once per mistake. Phase two writes the valid registrations in one
transaction through :func:`mdo_planner.services.cases_service.register_cases` — the same code
the intake form uses — so imported cases are triaged like typed ones and wait for a clinician
to confirm their level.

A registration is identified by hospital + patient number + ready (registration) date + tumour
group: re-importing the same file adds nothing and says how many were already registered.
Problem messages never carry patient data: personal cells are not echoed and the BSN is
masked (``12*****82``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from mdo_planner.contract_io.registrations import (
    COMPLEXITY_CHOICE_FIELDS,
    COMPLEXITY_INT_FIELDS,
    PERSONAL_FIELDS,
    ColumnMapping,
    Record,
    mask_bsn,
    normalise_value,
)
from mdo_planner.errors import UserError
from mdo_planner.infra.limits import column_problem, text_problem
from mdo_planner.triage.complexity import BOOL_FIELDS, Complexity

from . import cases_service as cs
from ._db import DatabaseLike
from .base import audit

log = logging.getLogger(__name__)

#: Longest question accepted from a file (the column is unlimited text; a cell this long is a
#: paste accident, not a question).
MAX_QUESTION = 4000
#: The column each text field is stored in: its limits come from the storage limits layer
#: (:mod:`mdo_planner.infra.limits`), derived from the model, never a second list.
_COLUMNS: dict[str, Any] = {
    "patient": m.Case.patient_ref,
    "patient_name": m.Case.patient_name,
    "physician": m.Case.presenting_physician,
    "question": m.Case.question,
    "bsn": m.Case.bsn,
}
_DATE_COLUMNS: dict[str, Any] = {
    "ready": m.Case.ready_date,
    "due": m.Case.due_date,
    "birth_date": m.Case.birth_date,
}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Problem:
    """One mistake: which record, which cell (or JSON path), which field, and what."""

    record: str
    where: str
    field: str
    message: str

    def text(self) -> str:
        where = f", {self.where}" if self.where else ""
        return f"{self.record}{where}: {self.field}: {self.message}"


@dataclass
class ImportResult:
    """What an import did (or, checked only, would do)."""

    source: str
    records: int = 0
    imported: int = 0
    already: int = 0
    problems: list[Problem] = field(default_factory=list)
    invalid_records: int = 0
    case_codes: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        parts = [
            f"{verb} {self.imported} case(s) from {self.source}",
            f"already registered: {self.already}",
        ]
        if self.invalid_records:
            parts.append(f"skipped (invalid): {self.invalid_records}")
        return "; ".join(parts)

    def report(self) -> str:
        return "\n".join(p.text() for p in self.problems)


@dataclass(frozen=True)
class _Reference:
    hospitals: dict[str, int]
    hospital_names: dict[str, int]
    tumour_groups: dict[str, int]
    tumour_group_names: dict[str, int]
    disciplines: dict[str, int]
    existing: frozenset[tuple[int, str, dt.date, int]]


def _reference(s: Session) -> _Reference:
    hospitals = s.execute(select(m.Hospital.id, m.Hospital.code, m.Hospital.name)).all()
    groups = s.execute(select(m.TumourGroup.id, m.TumourGroup.code, m.TumourGroup.name)).all()
    disciplines = s.execute(select(m.Discipline.id, m.Discipline.code)).all()
    existing = s.execute(
        select(m.Case.hospital_id, m.Case.patient_ref, m.Case.ready_date, m.Case.tumour_group_id)
    ).all()
    return _Reference(
        hospitals={c.upper(): i for i, c, _ in hospitals},
        hospital_names={normalise_value(n): i for i, _, n in hospitals},
        tumour_groups={c.upper(): i for i, c, _ in groups},
        tumour_group_names={normalise_value(n): i for i, _, n in groups},
        disciplines={c.upper(): i for i, c in disciplines},
        existing=frozenset((h, p, r, t) for h, p, r, t in existing),
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores patient numbers typed as numbers as floats
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


class _Row:
    """Validates one record's fields, collecting problems instead of stopping at the first."""

    def __init__(self, rec: Record, mapping: ColumnMapping, problems: list[Problem]) -> None:
        self.rec = rec
        self.mapping = mapping
        self.problems = problems
        self.ok = True

    def fail(self, fld: str, message: str) -> None:
        self.ok = False
        self.problems.append(Problem(self.rec.label, self.rec.where.get(fld, ""), fld, message))

    def show(self, fld: str, value: Any) -> str:
        """A cell's content as a message may show it (never patient data; BSN masked)."""
        if fld == "bsn":
            return mask_bsn(value)
        if fld in PERSONAL_FIELDS:
            return "the value"
        text = _text(value)
        return repr(text if len(text) <= 40 else text[:37] + "...")

    def raw(self, fld: str) -> Any:
        value = self.rec.values.get(fld)
        if isinstance(value, str):
            problem = text_problem(value)  # NUL, lone surrogates: no database stores them
            if problem is not None:
                self.fail(fld, problem)
                return None
        return value

    def text(self, fld: str, *, required: bool = False) -> str:
        value = _text(self.raw(fld))
        if required and not value and self.ok_field(fld):
            self.fail(fld, "required, but empty")
        column = _COLUMNS.get(fld)
        if value and fld != "bsn":
            problem = (
                text_problem(value, MAX_QUESTION)
                if fld == "question"
                else column_problem(value, column)
                if column is not None
                else None
            )
            if problem is not None:
                self.fail(fld, problem)
        return value

    def ok_field(self, fld: str) -> bool:
        """No problem reported for ``fld`` of this record yet (one message per cell)."""
        return not any(p.record == self.rec.label and p.field == fld for p in self.problems)

    def date(self, fld: str, *, required: bool = False) -> dt.date | None:
        day = self._date(fld, required=required)
        problem = column_problem(day, _DATE_COLUMNS[fld]) if day is not None else None
        if problem is not None:
            self.fail(fld, problem)
            return None
        return day

    def _date(self, fld: str, *, required: bool) -> dt.date | None:
        value = self.raw(fld)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = _text(value)
        if not text:
            if required and self.ok_field(fld):
                self.fail(fld, "required, but empty")
            return None
        fmt = self.mapping.date_format
        try:
            if _ISO.match(text):
                return dt.date.fromisoformat(text)
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            shown = "the value" if fld in PERSONAL_FIELDS else repr(text)
            example = dt.date(2027, 1, 31).strftime(fmt)
            self.fail(
                fld,
                f"{shown} is not a date (expected {example} for 31 January 2027, or YYYY-MM-DD)",
            )
            return None

    def boolean(self, fld: str) -> bool | None:
        value = self.raw(fld)
        if value is None and fld not in self.rec.values:
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        word = normalise_value(_text(value))
        if word in self.mapping.true_words:
            return True
        if word in self.mapping.false_words:
            return False
        self.fail(
            fld,
            f"{self.show(fld, value)} is neither yes nor no (yes: "
            f"{', '.join(w for w in self.mapping.true_words if w)}; no: "
            f"{', '.join(w if w else repr(w) for w in self.mapping.false_words)})",
        )
        return None

    def integer(self, fld: str, lo: int, hi: int) -> int | None:
        value = self.raw(fld)
        text = _text(value)
        if not text:
            return None
        try:
            number = int(text)
        except ValueError:
            self.fail(fld, f"{self.show(fld, value)} is not a whole number")
            return None
        if not lo <= number <= hi:
            self.fail(fld, f"{number} is outside {lo}-{hi}")
            return None
        return number

    def choice(self, fld: str) -> str | None:
        text = _text(self.raw(fld))
        if not text:
            return None
        table = self.mapping.values.get(fld, {})
        return table.get(normalise_value(text), text)


def _code(
    row: _Row, fld: str, value: str, codes: dict[str, int], names: dict[str, int], noun: str
) -> int | None:
    mapped = row.mapping.values.get(fld, {}).get(normalise_value(value))
    for candidate in (mapped, value):
        if candidate is None:
            continue
        found = codes.get(candidate.upper(), names.get(normalise_value(candidate)))
        if found is not None:
            return found
    known = ", ".join(sorted(codes)) or "none"
    hint = f" (mapped to {mapped!r})" if mapped else ""
    row.fail(
        fld,
        f"unknown {noun} {value!r}{hint}; known: {known}; add it under "
        f"[values] {fld} in the mapping file",
    )
    return None


def validate_records(
    s: Session,
    records: list[Record],
    mapping: ColumnMapping,
    *,
    default_hospital: str | None = None,
    today: dt.date | None = None,
) -> tuple[list[tuple[str, cs.NewRegistration]], int, list[Problem], int]:
    """Phase one: ``(valid registrations with their record label, already registered,
    problems, number of invalid records)``. Reads only."""
    ref = _reference(s)
    problems: list[Problem] = []
    default_hospital_id = None
    if default_hospital is not None:
        default_hospital_id = ref.hospitals.get(default_hospital.upper())
        if default_hospital_id is None:
            raise UserError(
                f"--hospital {default_hospital}: no such hospital (known: "
                f"{', '.join(sorted(ref.hospitals)) or 'none'})"
            )
    valid: list[tuple[str, cs.NewRegistration]] = []
    seen: dict[tuple[int, str, dt.date, int], str] = {}
    already = 0
    invalid = 0
    complexity_fields = [f for f in mapping.columns if f.startswith("complexity.")]
    for rec in records:
        row = _Row(rec, mapping, problems)
        patient = row.text("patient", required=True)
        name = row.text("patient_name")
        physician = row.text("physician")
        question = row.text("question", required=True)
        bsn = row.text("bsn")
        if bsn and not cs.is_valid_bsn(bsn):
            row.fail("bsn", f"{mask_bsn(bsn)} is not a valid BSN (9 digits passing the elfproef)")
        birth = row.date("birth_date")
        if birth is not None and birth > (today or dt.date.today()):
            row.fail("birth_date", "lies in the future")
        ready = row.date("ready", required=True)
        due = row.date("due")
        if ready is not None and due is None and "due" not in rec.values:
            due = ready + dt.timedelta(days=mapping.due_days)
        elif ready is not None and due is None:
            row.fail("due", "required, but empty")
        if ready and due and due < ready:
            row.fail("due", f"{due:%d-%m-%Y} lies before the ready date {ready:%d-%m-%Y}")
        urgent = row.boolean("urgent") if "urgent" in rec.values else False
        minutes = row.integer("minutes", 0, 240)
        hospital_id = default_hospital_id
        hospital_text = row.text("hospital")
        if hospital_text:
            hospital_id = _code(
                row, "hospital", hospital_text, ref.hospitals, ref.hospital_names, "hospital"
            )
        elif hospital_id is None:
            row.fail("hospital", "required: give a hospital column or --hospital CODE")
        group_text = row.text("tumour_group", required=True)
        group_id = None
        if group_text:
            group_id = _code(
                row,
                "tumour_group",
                group_text,
                ref.tumour_groups,
                ref.tumour_group_names,
                "tumour group",
            )
        extra_ids: list[int] = []
        for code in re.split(r"[,;/ ]+", row.text("extra_disciplines")):
            if not code:
                continue
            found = ref.disciplines.get(code.upper())
            if found is None:
                row.fail(
                    "extra_disciplines",
                    f"unknown discipline {code!r}; known: {', '.join(sorted(ref.disciplines))}",
                )
            else:
                extra_ids.append(found)
        complexity: dict[str, Any] | None = None
        if complexity_fields:
            complexity = {}
            for fld in complexity_fields:
                bare = fld.removeprefix("complexity.")
                if bare in BOOL_FIELDS:
                    complexity[bare] = bool(row.boolean(fld))
                elif bare in COMPLEXITY_CHOICE_FIELDS:
                    complexity[bare] = row.choice(fld)
                elif bare in COMPLEXITY_INT_FIELDS:
                    lo, hi = (0, 130) if bare == "age" else (0, 4)
                    complexity[bare] = row.integer(fld, lo, hi)
            try:
                Complexity.from_dict(complexity, path="complexity")
            except UserError as exc:
                for line in str(exc).splitlines():
                    fld = line.split(":", 1)[0]
                    row.rec.where.setdefault(fld, "")
                    row.fail(fld, line.split(":", 1)[-1].strip())
        if not row.ok:
            invalid += 1
            continue
        assert ready is not None and hospital_id is not None and group_id is not None
        key = (hospital_id, patient, ready, group_id)
        if key in seen:
            row.fail(
                "patient",
                f"duplicate of {seen[key]} (same hospital, patient number, "
                "ready date and tumour group)",
            )
            invalid += 1
            continue
        seen[key] = rec.label
        if key in ref.existing:
            already += 1
            continue
        data = cs.CaseInput(
            patient_ref=patient,
            patient_number=patient,
            bsn=bsn,
            birth_date=birth,
            hospital_id=hospital_id,
            presenting_physician=physician,
            tumour_group_id=group_id,
            question=question,
            ready_date=ready,
            due_date=due,
            urgent=bool(urgent),
            complexity=complexity,
            patient_name=name,
        )
        form_errors = cs.validate_case_input(data, today=today)
        if form_errors:
            for key_name, message in form_errors.items():
                row.fail(key_name, message)
            invalid += 1
            continue
        valid.append(
            (rec.label, cs.NewRegistration(data, tuple(dict.fromkeys(extra_ids)), minutes))
        )
    return valid, already, problems, invalid


def import_records(
    db: DatabaseLike,
    records: list[Record],
    mapping: ColumnMapping,
    *,
    user: str,
    source: str,
    default_hospital: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    via: str = "import-cases",
) -> ImportResult:
    """Validate every record, then (unless ``dry_run``) register the valid ones in one
    transaction. Without ``skip_invalid`` a single problem means nothing is written."""
    result = ImportResult(source=source, records=len(records), dry_run=dry_run)
    with db.session() as s:
        valid, already, problems, invalid = validate_records(
            s, records, mapping, default_hospital=default_hospital
        )
        result.already = already
        result.problems = problems
        result.invalid_records = invalid
        if problems and not skip_invalid:
            result.imported = 0
            log.info(
                "%s: %d record(s) refused with %d problem(s); nothing imported",
                via,
                len(records),
                len(problems),
            )
            return result
        result.imported = len(valid)
        if dry_run:  # nothing was added: the read-only transaction ends empty
            return result
        created = cs.register_cases(s, [r for _, r in valid], source=via, user=user)
        result.case_codes = [c.code for c in created]
        audit(
            s,
            f"cases.{via}",
            "import",
            source[-64:],
            {"imported": len(created), "already": already, "invalid": invalid},
            user=user,
        )
    log.info(
        "%s: imported %d case(s), %d already registered, %d invalid",
        via,
        result.imported,
        already,
        invalid,
    )
    return result


# --------------------------------------------------------------------------- saved mappings


def _setting_key(hospital_code: str) -> str:
    return f"import.mapping.{hospital_code.upper()}"


def saved_mapping(db: DatabaseLike, hospital_code: str) -> ColumnMapping | None:
    """The column mapping last saved for a hospital's files (the import dialog's default)."""
    from mdo_planner.contract_io.registrations import mapping_from_document

    with db.session() as s:
        row = s.get(m.Setting, _setting_key(hospital_code))
        if row is None:
            return None
        return mapping_from_document(row.value, f"saved mapping of {hospital_code}")


def save_mapping(
    db: DatabaseLike, hospital_code: str, mapping: ColumnMapping, *, user: str
) -> None:
    """Keep a corrected mapping so the next file from that hospital needs no corrections."""
    with db.session() as s:
        key = _setting_key(hospital_code)
        row = s.get(m.Setting, key)
        if row is None:
            s.add(m.Setting(key=key, value=mapping.to_document()))
        else:
            row.value = mapping.to_document()
            row.updated_at = m.utcnow()
        audit(s, "import.mapping.save", "setting", key, None, user=user)


__all__ = [
    "ImportResult",
    "Problem",
    "import_records",
    "save_mapping",
    "saved_mapping",
    "validate_records",
]


def import_file(
    db: DatabaseLike,
    path: str,
    mapping: ColumnMapping,
    *,
    user: str,
    default_hospital: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    save_for: str | None = None,
    state: Any = None,
) -> ImportResult:
    """The import dialog's unit of work: read the file, check or import it, and (after a real
    import) remember the mapping for ``save_for``'s next file. Runs in a worker thread."""
    from pathlib import Path

    from mdo_planner.contract_io.registrations import read_table, records_from_table

    if state is not None:
        state.report(0)
    table = read_table(path, sheet=mapping.sheet)
    records = records_from_table(table, mapping)
    if state is not None:
        state.check()
        state.report(30)
    result = import_records(
        db,
        records,
        mapping,
        source=Path(path).name,
        default_hospital=default_hospital,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        user=user,
    )
    if save_for and not dry_run and (skip_invalid or not result.problems):
        save_mapping(db, save_for, mapping, user=user)
    if state is not None:
        state.report(100)
    return result
