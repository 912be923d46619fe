"""``mdo-planner --self-test``: the step runner, its report, and the real end-to-end run."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mdo_planner.infra import selftest
from mdo_planner.infra.selftest import Context, SelfTestError, Step


def _run(steps: list[Step]) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = selftest.run(steps, out=out)
    return status, out.getvalue().splitlines()


def test_the_real_self_test_passes_in_process(_isolated_data_dir: Path) -> None:
    """Every step but the desktop app's (a subprocess; see the command-line test below)."""
    before = sorted(p.name for p in _isolated_data_dir.iterdir())
    steps = [step for step in selftest.STEPS if step.run is not selftest.step_gui]
    assert len(steps) == len(selftest.STEPS) - 1
    status, lines = _run(steps)
    assert status == 0, "\n".join(lines)
    assert len(lines) == len(steps) + 1
    for step, line in zip(steps, lines, strict=False):
        assert line.startswith(f"ok {step.name} ("), line
    assert lines[-1].startswith(f"self-test passed: {len(steps)} steps")
    planning = next(line for line in lines if line.startswith("ok planning"))
    assert " cases planned, status " in planning
    # It worked in its own temporary folder and put the environment back.
    assert sorted(p.name for p in _isolated_data_dir.iterdir()) == before
    assert os.environ["MDO_PLANNER_DATA_DIR"] == str(_isolated_data_dir)


def test_a_failure_is_reported_and_dependants_are_skipped() -> None:
    order: list[str] = []

    def good(ctx: Context) -> str:
        order.append("good")
        return "fine"

    def bad(ctx: Context) -> str:
        raise SelfTestError("the bundled font DejaVuSans.ttf is missing")

    def after(ctx: Context) -> str:
        order.append("after")
        return ""

    status, lines = _run(
        [
            Step("first", good),
            Step("fonts", bad),
            Step("agenda PDF", good, needs=("fonts",)),
            Step("independent", after),
        ]
    )
    assert status == 1
    assert lines[0].startswith("ok first (") and lines[0].endswith("): fine")
    assert lines[1] == "FAILED fonts: the bundled font DejaVuSans.ttf is missing"
    assert lines[2] == "skipped agenda PDF: needs fonts"
    assert lines[3].startswith("ok independent (") and lines[3].endswith(")")
    assert lines[4] == "self-test FAILED: 2 of 4 steps did not pass (fonts, agenda PDF)"
    assert order == ["good", "after"]


def test_a_crash_names_the_error_and_where_it_happened() -> None:
    def crash(ctx: Context) -> str:
        return {}["missing"]  # type: ignore[no-any-return]

    status, lines = _run([Step("planning", crash)])
    assert status == 1
    assert lines[0].startswith("FAILED planning: KeyError: 'missing' (at test_selftest.py:")


def test_clean_ups_run_even_after_a_failure() -> None:
    cleaned: list[str] = []

    def opens(ctx: Context) -> str:
        ctx.cleanups.append(lambda: cleaned.append("database closed"))
        raise RuntimeError("boom")

    status, _ = _run([Step("database", opens)])
    assert status == 1
    assert cleaned == ["database closed"]


def test_a_broken_site_configuration_fails_its_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "mdo-planner.toml"
    site.write_text('[agenda]\nprivacy_default = "everyone"\n', encoding="utf-8")
    monkeypatch.setenv("MDO_PLANNER_CONFIG", str(site))
    status, lines = _run([Step("site configuration", selftest.step_site_config)])
    assert status == 1
    assert lines[0].startswith(f"FAILED site configuration: {site}: agenda.privacy_default")


def test_a_site_rule_set_that_does_not_exist_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "mdo-planner.toml"
    site.write_text('[triage]\nrules_file = "gone.toml"\n', encoding="utf-8")
    monkeypatch.setenv("MDO_PLANNER_CONFIG", str(site))
    status, lines = _run([Step("site configuration", selftest.step_site_config)])
    assert status == 1
    assert "gone.toml does not exist" in lines[0]


def test_the_command_line_self_test_is_quiet_on_stderr(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env["MDO_PLANNER_DATA_DIR"] = str(tmp_path / "data")
    res = subprocess.run(
        [sys.executable, "-m", "mdo_planner", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stderr == ""
    lines = res.stdout.splitlines()
    assert lines[-1].startswith(f"self-test passed: {len(selftest.STEPS)} steps")
    assert any(line.startswith("ok desktop app (") for line in lines)
    # The run is logged (for IT) in the data folder's rotated log, step by step.
    log = (tmp_path / "data" / "logs" / "mdo-planner.log").read_text(encoding="utf-8")
    assert "self-test started: mdo-planner" in log
    assert "self-test step 'planning' ok in" in log


def _helvetica_pdf(path: Path, text: str) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, text)
    canvas.save()
    return path


def test_read_back_refuses_a_pdf_without_the_embedded_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agenda = selftest._probe_agenda()
    monkeypatch.setattr(selftest, "PDF_NAMES", ("Jansen", "de Vries"))  # Latin-1 only
    text = " ".join([agenda.session.tumour_group_name, *selftest.PDF_NAMES])
    ctx = Context(
        folder=tmp_path, values={"pdf": (_helvetica_pdf(tmp_path / "a.pdf", text), agenda)}
    )
    with pytest.raises(SelfTestError, match="fonts not embedded: /Helvetica"):
        selftest.step_unicode_pdf(ctx)


def test_read_back_refuses_a_pdf_that_lost_names(tmp_path: Path) -> None:
    agenda = selftest._probe_agenda()
    ctx = Context(
        folder=tmp_path,
        values={"pdf": (_helvetica_pdf(tmp_path / "a.pdf", "Breast cancer"), agenda)},
    )
    with pytest.raises(SelfTestError, match="text not found in the PDF: Zoë Ĳsselstein"):
        selftest.step_unicode_pdf(ctx)


def test_the_real_agenda_pdf_passes_read_back(tmp_path: Path) -> None:
    ctx = Context(folder=tmp_path)
    assert selftest.step_agenda_pdf(ctx).endswith("3 items")
    assert "4 texts found, 2 fonts embedded" in selftest.step_unicode_pdf(ctx)


def test_the_desktop_app_step_fails_on_a_crash_or_a_qt_warning(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    script = (
        "import sys; print('qt.qpa.plugin: Could not load the Qt platform plugin', file=sys.stderr)"
    )
    monkeypatch.setattr(selftest, "_gui_command", lambda: [sys.executable, "-c", script])
    with pytest.raises(SelfTestError, match=r"status 0: qt\.qpa\.plugin: Could not load"):
        selftest.step_gui(Context(folder=tmp_path))
    crash = "import sys; sys.exit('no display')"
    monkeypatch.setattr(selftest, "_gui_command", lambda: [sys.executable, "-c", crash])
    with pytest.raises(SelfTestError, match="status 1: no display"):
        selftest.step_gui(Context(folder=tmp_path))


def _site_with_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    site = tmp_path / "mdo-planner.toml"
    site.write_text(f'[database]\nurl = "{url}"\n', encoding="utf-8")
    monkeypatch.setenv("MDO_PLANNER_CONFIG", str(site))


def _site_database_line() -> tuple[int, str]:
    status, lines = _run([Step("site database", selftest.step_site_database)])
    return status, lines[0]


def test_site_database_step_without_a_site_database_passes() -> None:
    status, lines = _run([Step("site database", selftest.step_site_database)])
    assert status == 0
    assert lines[0].endswith("no network database in the site configuration")


def test_site_database_step_reads_a_shared_database_without_changing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db import engine as dbengine
    from mdo_planner.services.base import open_database

    path = tmp_path / "shared.sqlite"
    open_database(f"sqlite:///{path}").dispose()
    before = path.read_bytes()
    _site_with_database(tmp_path, monkeypatch, f"sqlite:///{path}")
    status, line = _site_database_line()
    assert status == 0, line
    assert line.endswith(f"shared.sqlite reachable, schema {dbengine.head_revision()} (up to date)")
    assert path.read_bytes() == before


def test_site_database_step_fails_when_the_database_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _site_with_database(tmp_path, monkeypatch, f"sqlite:///{tmp_path / 'gone.sqlite'}")
    status, line = _site_database_line()
    assert status == 1
    assert line.startswith("FAILED site database: there is no database at")
    assert not (tmp_path / "gone.sqlite").exists()


def test_site_database_step_fails_when_the_server_does_not_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _site_with_database(tmp_path, monkeypatch, "postgresql+psycopg://mdo@127.0.0.1:1/mdo")
    status, line = _site_database_line()
    assert status == 1
    assert line.startswith("FAILED site database: cannot open the database 127.0.0.1/mdo")


@pytest.mark.pg
def test_site_database_step_on_an_empty_postgresql_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str
) -> None:
    _site_with_database(tmp_path, monkeypatch, pg_url)
    status, line = _site_database_line()
    assert status == 0, line
    assert "reachable, empty: the schema is created on first use" in line


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_the_desktop_app_step_leaves_the_users_qt_settings_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home_config = tmp_path / "home-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home_config))
    status, lines = _run([Step("desktop app", selftest.step_gui)])
    assert status == 0, lines
    assert not home_config.exists() or not any(home_config.rglob("*")), sorted(
        home_config.rglob("*")
    )


def test_the_site_configuration_step_loads_the_networks_rule_set_and_agenda_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mdo_planner.triage import default_rule_set, dump_rule_set

    dump_rule_set(default_rule_set(), tmp_path / "rules-noord.toml")
    site = tmp_path / "mdo-planner.toml"
    site.write_text(
        '[triage]\nrules_file = "rules-noord.toml"\n[agenda]\nlanguage = "nl"\n', encoding="utf-8"
    )
    monkeypatch.setenv("MDO_PLANNER_CONFIG", str(site))
    status, lines = _run([Step("site configuration", selftest.step_site_config)])
    assert status == 0, lines
    assert lines[0].endswith("(rule set default v1)")
    (tmp_path / "rules-noord.toml").write_text("[broken", encoding="utf-8")
    status, lines = _run([Step("site configuration", selftest.step_site_config)])
    assert status == 1
    assert lines[0].startswith("FAILED site configuration: ") and "rules-noord.toml" in lines[0]
    site.write_text('[agenda.ordering]\ngroup_by = "ward"\n', encoding="utf-8")
    status, lines = _run([Step("site configuration", selftest.step_site_config)])
    assert status == 1
    assert "agenda.ordering.group_by" in lines[0]
