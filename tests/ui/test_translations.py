"""The Dutch catalogue: it compiles with lrelease, the shell's strings are translated, and a
Dutch UI shows Dutch texts and Dutch dates."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator

from tests.conftest import ROOT

TS = ROOT / "ui" / "translations" / "mdo_planner_nl.ts"
SHELL_CONTEXTS = (
    "AppContext",
    "CaseEditorWorkspace",
    "CaseForm",
    "CaseLabels",
    "CaseTableModel",
    "CasesWorkspace",
    "CrashDialog",
    "FirstStartDialog",
    "LogViewer",
    "MainWindow",
    "OpenDatabaseDialog",
    "OverrideBox",
    "TriagePanel",
    "MeetingWorkspace",
    "QualityPanel",
    "SpecialistTimeLabel",
    "TimelinePanel",
)


def _compile(tmp_path: Path) -> Path:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    qm = tmp_path / "mdo_planner_nl.qm"
    res = subprocess.run(
        [str(lrelease), str(TS), "-qm", str(qm)], capture_output=True, text=True, check=False
    )
    assert res.returncode == 0, res.stdout + res.stderr
    return qm


def test_shell_strings_are_all_translated() -> None:
    text = TS.read_text(encoding="utf-8")
    for context in re.findall(r"<context>.*?</context>", text, re.S):
        name = re.search(r"<name>(.*?)</name>", context).group(1)
        if name in SHELL_CONTEXTS:
            assert 'type="unfinished"' not in context, f"untranslated text in {name}"


def test_dutch_interface(qtbot, tmp_path: Path, ctx) -> None:
    qm = _compile(tmp_path)
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    try:
        from ui.workspaces.cases import CasesWorkspace

        ws = CasesWorkspace(ctx)
        qtbot.addWidget(ws)
        qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=15_000)
        assert ws.title == "Casussen"
        assert ws.model.headerData(0, Qt.Orientation.Horizontal) == "Termijn"
        assert ws.count_label.text().endswith("casussen getoond")
        due = ws.proxy.index(0, 8).data()
        assert re.fullmatch(r"\d{1,2} [a-z]{3}\.? \d{4}", due), due  # "12 jan. 2027"
    finally:
        app.removeTranslator(translator)
        QLocale.setDefault(old)


def test_catalogue_is_current_with_the_code(tmp_path: Path) -> None:
    """Running the README's lupdate command changes nothing: every string the code marks has
    its Dutch text under the context lupdate sees, and no entry is obsolete.

    Why: splitting workspaces into mixins and helper modules once left 138 strings under a
    context lupdate could not see (``w.tr`` in a helper function, an ``if TYPE_CHECKING:``
    block in a class body, a layout base class): they still showed Dutch at run time, but the
    documented lupdate run would have dropped their translations as obsolete.
    """
    import xml.etree.ElementTree as ET

    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    copy = tmp_path / "nl.ts"
    copy.write_bytes(TS.read_bytes())
    sources = [
        str(p)
        for pattern in ("ui/*.py", "ui/workspaces/*.py", "ui/workspaces/*/*.py")
        for p in sorted(ROOT.glob(pattern))
    ]
    languages = ["-source-language", "en", "-target-language", "nl"]
    res = subprocess.run(
        [str(lupdate), *sources, "-ts", str(copy), *languages],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    stale = [
        f"{ctx.findtext('name')}: {msg.findtext('source')!r} ({msg.find('translation').get('type')})"  # type: ignore[union-attr]
        for ctx in ET.parse(copy).getroot().iter("context")
        for msg in ctx.iter("message")
        if msg.find("translation").get("type") is not None  # type: ignore[union-attr]
    ]
    assert not stale, "run the README's lupdate command and translate:\n" + "\n".join(stale[:20])
