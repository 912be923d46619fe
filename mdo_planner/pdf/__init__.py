"""PDF exports (ReportLab platypus) with the shipped, embedded Unicode font."""

from __future__ import annotations

import re

from mdo_planner.agenda.labels import file_kind
from mdo_planner.agenda.model import AgendaSession
from mdo_planner.pdf.agenda_pdf import (
    agenda_pdf_bytes,
    batch_title,
    combined_pdf_bytes,
    expert_agenda_pdf_bytes,
    write_pdf,
)

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def safe_component(text: str) -> str:
    """A file-name part that is valid on Windows, macOS and Linux and carries no spaces."""
    cleaned = _UNSAFE.sub("-", text).strip("-")
    return cleaned[:40] or "x"


def agenda_file_name(session: AgendaSession, suffix: str = ".pdf") -> str:
    """``2027-01-05_BREAST_local_H1.pdf``: sorts by date, predictable, no patient data.

    Two sessions of one tumour group, echelon and host on the same date (rare, but a series
    can be edited) get the start time appended by :func:`unique_file_names`.
    """
    parts = [
        session.date.isoformat(),
        safe_component(session.tumour_group),
        safe_component(file_kind(session.tumour_group, session.echelon)),
        safe_component(session.host_hospital),
    ]
    return "_".join(parts) + suffix


def unique_file_names(sessions: list[AgendaSession], suffix: str = ".pdf") -> list[str]:
    """File names for a batch; clashes get ``_HHMM`` and then the session id appended."""
    names = [agenda_file_name(s, "") for s in sessions]
    counts = {n: names.count(n) for n in names}
    out = []
    for session, name in zip(sessions, names, strict=True):
        if counts[name] > 1:
            name = f"{name}_{session.start:%H%M}"
        out.append(name)
    counts = {n: out.count(n) for n in out}
    return [
        (f"{n}_{safe_component(s.session_id)}" if counts[n] > 1 else n) + suffix
        for s, n in zip(sessions, out, strict=True)
    ]


__all__ = [
    "agenda_file_name",
    "agenda_pdf_bytes",
    "batch_title",
    "combined_pdf_bytes",
    "expert_agenda_pdf_bytes",
    "safe_component",
    "unique_file_names",
    "write_pdf",
]
