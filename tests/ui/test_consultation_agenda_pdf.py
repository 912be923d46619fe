"""The PDF agenda of a care network's consultation (issue 15, found in the review of the
merged whole): the Sessions workspace calls it a network consultation whose cases are
referrals, so the exported agenda must not call it a supra-regional MDO — not in its heading,
its page header, its facts nor its Triage column — in English or Dutch."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from db import models as m
from mdo_planner.demo import fill_demo
from tests.ui.conftest import make_database
from ui.workspaces.sessions import export_session_pdf


def _in_worker(fn, *args, **kwargs):
    """The Sessions workspace runs its exports in a worker thread (the GUI thread never
    touches the database); so does this test."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


@pytest.fixture
def demo_db(tmp_path: Path):
    db = make_database(tmp_path / "demo.sqlite")
    fill_demo(db)
    yield db
    db.dispose()


@pytest.mark.parametrize(
    ("language", "kind", "referral", "wrong"),
    [
        ("en", "network consultation", "referral", "supraregional"),
        ("nl", "netwerkoverleg", "verwijzing", "bovenregionaal"),
    ],
)
def test_a_consultation_agenda_is_no_supraregional_mdo(
    demo_db, tmp_path: Path, language: str, kind: str, referral: str, wrong: str
) -> None:
    with demo_db.session() as s:
        sid = s.execute(
            sa.select(m.Assignment.session_id)
            .join(m.Case, m.Case.id == m.Assignment.case_id)
            .where(m.Case.patient_ref == "P-900155", m.Assignment.published)
        ).scalar_one()
    path = _in_worker(
        export_session_pdf, demo_db, sid, tmp_path / "a.pdf", "secretary", language=language
    )
    text = " ".join(page.extract_text() for page in PdfReader(str(path)).pages)
    text = " ".join(text.split())
    assert wrong not in text.lower()
    assert kind in text
    assert f"CN-ZVO · {referral}" in text


def test_the_privacy_mode_of_a_dutch_agenda_reads_dutch(demo_db, tmp_path: Path) -> None:
    """Save as with privacy mode, in Dutch: the agenda's privacy line said "pseudonymised"
    in the middle of Dutch text."""
    with demo_db.session() as s:
        sid = s.execute(
            sa.select(m.Assignment.session_id)
            .join(m.Case, m.Case.id == m.Assignment.case_id)
            .where(m.Case.patient_ref == "P-900155", m.Assignment.published)
        ).scalar_one()
    for mode, dutch in (
        ("pseudonymised", "gepseudonimiseerd"),
        ("minimal", "minimaal"),
        ("full", "volledig"),
    ):
        path = _in_worker(
            export_session_pdf,
            demo_db,
            sid,
            tmp_path / f"{mode}.pdf",
            "secretary",
            language="nl",
            privacy=mode,
        )
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)
        assert f"Privacy: {dutch} (het BSN wordt nooit afgedrukt)" in text
