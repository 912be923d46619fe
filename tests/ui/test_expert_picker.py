"""The "My agenda" expert picker (issue 18): by surname, with the hospital shown, and a search
by part of a name, discipline or hospital."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from db import models as m
from mdo_planner.services.sessions_service import expert_choices, surname_key
from ui.workspaces.sessions import SessionsWorkspace


def test_surname_key_ignores_titles_initials_prefixes_and_accents() -> None:
    assert surname_key("Dr. A.B. van der Berg") == "berg"
    assert surname_key("Prof. dr. É. Çelik") == "celik"
    names = ["Dr. Z. Aalders", "Dr. A. Zwart", "Drs. M. de Boer"]
    assert sorted(names, key=surname_key) == ["Dr. Z. Aalders", "Drs. M. de Boer", "Dr. A. Zwart"]


def test_picker_shows_the_hospital_and_searches(qtbot, ctx, tmp_path, settle) -> None:
    with ctx.db.session() as s:
        e = s.scalars(select(m.Expert).where(m.Expert.active.is_(True))).first()
        name, hospital = e.name, e.hospital.name
    labels = [label for _i, label in expert_choices(ctx.db)]
    assert any(label.startswith(name) and label.endswith(hospital) for label in labels)
    ctx.settings.setValue("export/folder", str(tmp_path))
    w = SessionsWorkspace(ctx)
    qtbot.addWidget(w)
    w.show()
    settle(ctx)
    assert w.expert_box.isEditable()
    completer = w.expert_box.completer()
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    part = hospital.split()[-1].lower()
    completer.setCompletionPrefix(part)
    found = [
        completer.completionModel().index(i, 0).data()
        for i in range(completer.completionModel().rowCount())
    ]
    assert found and all(part in f.lower() for f in found)
