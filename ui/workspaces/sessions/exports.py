"""The export hooks of the Sessions workspace: one session's agenda as PDF or calendar file,
an expert's week as "My MDOs", and sending (or updating) an agenda.

They run in a worker (``Workspace.mutate``) and take the database as their first argument;
each creates its folder on first use and counts an exported agenda as sent. File names carry
the date, tumour group, kind and hospital, never patient data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from mdo_planner.agenda import labels
from mdo_planner.errors import UserError
from mdo_planner.pdf import safe_component
from mdo_planner.services import agenda_service, notices
from mdo_planner.services import sessions_service as ss
from ui.workspaces._support import date_time_text


def _ready(folder: Path) -> Path:
    """The export folder is created on first use (the default one in Documents included)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the export folder {folder}: {exc.strerror}") from exc
    return folder


def _file_name(card: ss.SessionCard, suffix: str) -> str:
    """Same rule as the batch export: ``2027-01-05_BREAST_local_H1.pdf``, no patient data."""
    parts = [
        card.date.isoformat(),
        card.tumour_group,
        labels.file_kind(card.tumour_group, card.echelon),
        card.hospital,
    ]
    return "_".join(safe_component(p) for p in parts) + suffix


def _agenda_settings(language: str) -> agenda_service.AgendaSettings:
    """The site's agenda settings, printing in the interface language unless the site
    configuration fixes one."""
    return agenda_service.AgendaSettings.from_site().for_interface(language)


def sent_at_text(stamp: str | None) -> str:
    """When an agenda was sent, in the one date style and local time ("2 Dec 2026 02:15"):
    the stored stamp is UTC in ISO form, which no secretary should have to convert."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return date_time_text(moment)


def session_file_name(card: ss.SessionCard, suffix: str) -> str:
    return _file_name(card, suffix)


def export_session_pdf(
    db: Any, session_id: int, path: Path, user: str, language: str = "en", privacy: str = ""
) -> Path:
    """One session's agenda as PDF into ``path`` (privacy "" = the default of its echelon)."""
    path = Path(path)
    _ready(path.parent)
    written = agenda_service.export_session_pdf(
        db,
        session_id,
        path,
        user=user,
        privacy=privacy or None,
        settings=_agenda_settings(language),
    )
    notices.mark_exported(db, session_id, user=user)  # an exported agenda counts as sent
    return written


def export_session_ics(db: Any, session_id: int, path: Path, user: str) -> Path:
    path = Path(path)
    _ready(path.parent)
    written = agenda_service.export_ics(db, path, user=user, session_id=session_id)
    notices.mark_exported(db, session_id, user=user)  # an exported agenda counts as sent
    return written


def send_session_agenda(db: Any, session_id: int, folder: Path, user: str) -> Path:
    """Send (or update) the session's agenda as a calendar file with a higher SEQUENCE."""
    card = ss.session_card(db, session_id)
    change = notices.pending_change(db, session_id)
    suffix = ".ics" if change is None else f"_update-{change.sequence + 1}.ics"
    return notices.send_agenda(
        db, session_id, _ready(folder) / _file_name(card, suffix), user=user
    ).path


def expert_file_name(expert_label: str, monday: dt.date) -> str:
    """``my-agenda_Anna-de-Vries_2027-W01.pdf``: whose agenda of which week, readable by the
    person it is sent to (the name as the chooser shows it, never an internal id)."""
    name = expert_label.split(" — ")[0].strip()
    year, week, _ = monday.isocalendar()
    return f"my-agenda_{safe_component(name)}_{year}-W{week:02d}.pdf"


def export_expert_pdf(
    db: Any,
    expert_id: int,
    date_from: dt.date,
    date_to: dt.date,
    path: Path,
    user: str,
    language: str = "en",
    privacy: str = "",
) -> Path:
    """ "My MDOs" of one expert for the week shown, as one PDF into ``path``."""
    path = Path(path)
    _ready(path.parent)
    return agenda_service.export_expert_pdf(
        db,
        expert_id,
        date_from,
        date_to,
        path,
        user=user,
        privacy=privacy or None,
        settings=_agenda_settings(language),
    )
