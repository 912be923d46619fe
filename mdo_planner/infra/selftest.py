"""``mdo-planner --self-test``: prove that this installation works, end to end, in a minute.

Hospital IT deploys the frozen app to hundreds of workstations and needs one command that says
"this copy works" before a secretary finds out that it does not: that the bundled migrations,
fonts, rule set, solver libraries and Qt plugins are all there and load. The self-test runs the
real services, in the order a secretary's week uses them, in a temporary data folder (never the
user's database), offscreen (no window opens), and prints one line per step::

    ok database (0.41 s): schema 0001 created by the migrations
    FAILED agenda PDF: OSError: ...
    skipped read back: needs agenda PDF

and a last line ``self-test passed: ...`` (exit status 0) or ``self-test FAILED: ...``
(exit status 1). Nothing goes to stderr on success; details of a failure also go to the log.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

# The logger keeps the name it had before the module moved into infra (logs are read by it).
log = logging.getLogger("mdo_planner.selftest")


@dataclass
class Context:
    """What the steps hand on to each other (the database, the plan, the PDF...)."""

    folder: Path
    values: dict[str, Any] = field(default_factory=dict)
    cleanups: list[Callable[[], None]] = field(default_factory=list)


@dataclass(frozen=True)
class Step:
    """One check: ``run`` returns a short detail for the ``ok`` line or raises on failure."""

    name: str
    run: Callable[[Context], str]
    needs: tuple[str, ...] = ()


#: The user name in the audit trail of the self-test's throw-away database.
SELF_TEST_USER = "self-test"


class SelfTestError(Exception):
    """A check found something wrong (as opposed to a step crashing)."""


# --------------------------------------------------------------------------------- steps


def step_site_config(ctx: Context) -> str:
    """The site configuration IT deployed must parse: a typo there stops every user."""
    from mdo_planner.infra import config

    path = config.site_config_path()
    site = config.load_site_config(path)
    if site.path is None:
        return f"none at {path}"
    from mdo_planner.services.agenda_service import AgendaSettings
    from mdo_planner.triage import load_rule_set

    preset = []
    if site.database_url:
        preset.append("database")
    if site.privacy_default:
        preset.append(f"privacy {site.privacy_default}")
    AgendaSettings.from_site()  # [agenda] language and ordering: a typo is a UserError here
    if site.rules_file:
        if not site.rules_file.is_file():
            raise SelfTestError(f"{path}: triage.rules_file {site.rules_file} does not exist")
        rules = load_rule_set(site.rules_file)
        preset.append(f"rule set {rules.id} v{rules.version}")
    return f"{path} ({', '.join(preset) or 'no presets'})"


#: Seconds to wait for the site's database server before calling it unreachable.
CONNECT_TIMEOUT_S = 10


def step_site_database(ctx: Context) -> str:
    """The network database the site configuration names is reachable and fits this version.

    Read-only: nothing is created or migrated (``migrate=False``), so running the self-test on
    a workstation never changes the network's data. A server that does not answer within
    ``CONNECT_TIMEOUT_S`` seconds, refused credentials, or a schema newer than this version of
    the app knows are failures: exactly what IT must hear before the secretaries do.
    """
    from db import engine as dbengine
    from mdo_planner.infra import config
    from mdo_planner.services.base import open_database

    site = config.load_site_config()
    if not site.database_url:
        return "no network database in the site configuration"
    saved = os.environ.get("PGCONNECT_TIMEOUT")
    os.environ["PGCONNECT_TIMEOUT"] = str(CONNECT_TIMEOUT_S)  # read by libpq (psycopg)
    try:
        database = open_database(site.database_url, migrate=False)
    finally:
        if saved is None:
            os.environ.pop("PGCONNECT_TIMEOUT", None)
        else:
            os.environ["PGCONNECT_TIMEOUT"] = saved
    try:
        head = dbengine.head_revision()
        name = database.display_name
        if database.revision is None:
            return f"{name} reachable, empty: the schema is created on first use"
        if database.revision != head:
            return (
                f"{name} reachable, schema {database.revision}: this version upgrades it "
                f"to {head} on first use (or run `mdo-planner migrate`)"
            )
        return f"{name} reachable, schema {head} (up to date)"
    finally:
        database.dispose()


def step_database(ctx: Context) -> str:
    """A new database through the shipped Alembic migrations (they are files in the bundle)."""
    from db import engine as dbengine
    from mdo_planner.infra import config
    from mdo_planner.services.base import open_database

    url = config.sqlite_url(ctx.folder / "self-test.sqlite")
    database = open_database(url)
    ctx.cleanups.append(database.dispose)
    ctx.values["database"] = database
    head = dbengine.head_revision()
    if database.revision != head:
        raise SelfTestError(f"database is at schema {database.revision}, expected {head}")
    tables = dbengine.user_tables(database.engine)
    if not tables:
        raise SelfTestError("the migrations created no tables")
    return f"schema {head} created by the migrations ({len(tables)} tables)"


#: (complexity data, expected level): one case per family of rules of the default rule set.
TRIAGE_PROBES: tuple[tuple[dict[str, Any], str], ...] = (
    (
        {
            "phase": "pre_treatment",
            "stage": "II",
            "pathology_available": True,
            "imaging_available": True,
        },
        "local",
    ),
    ({"phase": "recurrence", "pathology_available": True, "imaging_available": True}, "regional"),
    (
        {"rare_tumour": True, "pathology_available": True, "imaging_available": True},
        "supraregional",
    ),
    (
        {"standard_of_care": True, "pathology_available": True, "imaging_available": True},
        "protocol",
    ),
    ({"pathology_available": False, "imaging_available": True}, "hold"),
)


#: How many demo cases the triage step re-triages through the service (all ~1,200 take ~15 s).
TRIAGE_SAMPLE = 40


def step_triage(ctx: Context) -> str:
    """The shipped rule set routes the textbook cases as the contract says, and the triage
    service re-triages stored demo cases with the network's rule set."""
    from sqlalchemy import select

    from db import models as m
    from mdo_planner.services import triage_service
    from mdo_planner.triage import default_rule_set, triage

    rules = default_rule_set()
    for complexity, expected in TRIAGE_PROBES:
        result = triage(complexity, tumour_group="BREAST", question="Treatment plan?", rules=rules)
        if result.level != expected:
            raise SelfTestError(
                f"rule set {rules.id} v{rules.version} routed {complexity} to "
                f"{result.level}, expected {expected}"
            )
    database = ctx.values["database"]
    levels: dict[str, int] = {}
    with database.session() as session:
        ids = session.scalars(
            select(m.Case.id)
            .where(m.Case.complexity.is_not(None))
            .order_by(m.Case.id)
            .limit(TRIAGE_SAMPLE)
        ).all()
        if not ids:
            raise SelfTestError("the demo network has no cases with complexity data")
        for case_id in ids:
            outcome = triage_service.triage_case(session, case_id, user=SELF_TEST_USER)
            level = outcome.result.level
            levels[level] = levels.get(level, 0) + 1
    spread = ", ".join(f"{n} {level}" for level, n in sorted(levels.items()))
    return (
        f"rule set {rules.id} v{rules.version}: {len(TRIAGE_PROBES)} probes right; "
        f"{len(ids)} demo cases re-triaged ({spread})"
    )


def step_demo(ctx: Context) -> str:
    """The demo network: the same generator the first start of the app uses."""
    from mdo_planner import demo

    start = demo.next_monday()
    counts = demo.fill_demo(ctx.values["database"], start=start, user=SELF_TEST_USER)
    ctx.values["start"] = start
    if not counts.get("cases") or not counts.get("sessions"):
        raise SelfTestError(f"the demo network came out empty: {counts}")
    return (
        f"{counts.get('hospitals', 0)} hospitals, {counts.get('experts', 0)} experts, "
        f"{counts['sessions']} sessions, {counts['cases']} cases"
    )


#: Seconds of CP-SAT search for the self-test's one-week plan.
PLAN_SECONDS = 3.0


def step_plan(ctx: Context) -> str:
    """Plan the demo's first week with CP-SAT (OR-Tools' native libraries) and publish it."""
    import datetime as dt

    from sqlalchemy import func, select

    from db import models as m
    from mdo_planner.services import plan_review

    database = ctx.values["database"]
    start = ctx.values["start"]
    run_id = plan_review.propose_plan(
        database, start, start + dt.timedelta(days=4), PLAN_SECONDS, user=SELF_TEST_USER
    )
    with database.session() as session:
        run = session.get(m.PlanRun, run_id)
        assert run is not None
        status, objective, bound = run.solver_status, run.objective, run.bound
        summary = dict(run.summary or {})
    if status not in ("OPTIMAL", "FEASIBLE"):
        raise SelfTestError(f"the solver ended with status {status}")
    planned = int(summary.get("planned", 0))
    if planned == 0:
        raise SelfTestError(f"the solver planned no case ({summary})")
    if bound is not None and bound > objective + 1e-6:
        raise SelfTestError(f"the proven bound {bound:g} exceeds the plan's cost {objective:g}")
    published = plan_review.publish_run(database, run_id, user=SELF_TEST_USER)
    with database.session() as session:
        session_id, _count = session.execute(
            select(m.Assignment.session_id, func.count())
            .where(m.Assignment.published.is_(True))
            .group_by(m.Assignment.session_id)
            .order_by(func.count().desc(), m.Assignment.session_id)
            .limit(1)
        ).one()
        ctx.values["session_code"] = session.get(m.MeetingSession, session_id).code
    gap = "" if bound is None else f", bound {bound:g}"
    return (
        f"{planned} of {planned + int(summary.get('unplanned', 0))} cases planned, "
        f"status {status}, cost {objective:g}{gap}; {published} published"
    )


def step_plan_agenda(ctx: Context) -> str:
    """Export the fullest planned session's agenda through the export service (as the app)."""
    from mdo_planner.services import agenda_service

    database = ctx.values["database"]
    code = ctx.values["session_code"]
    with database.session() as session:
        agenda = agenda_service.build_session_agenda(session, code)
    path = agenda_service.export_session_pdf(
        database, code, ctx.folder / "plan-agenda.pdf", user=SELF_TEST_USER
    )
    expected = [agenda.session.tumour_group_name or agenda.session.tumour_group]
    expected += [item.patient for item in agenda.all_items]
    ctx.values["plan_pdf"] = (path, expected)
    return (
        f"session {code}: {len(agenda.items)} cases for discussion, "
        f"{len(agenda.noting)} for noting, privacy {agenda.privacy}"
    )


#: Names that only print right with the embedded Unicode font (the agenda engineer's test set).
PDF_NAMES = ("Zoë Ĳsselstein", "Đorđević", "Müller-Łukasiewicz")


def _probe_agenda() -> Any:
    """A small local BREAST session with three cases whose names need the embedded font."""
    from datetime import date, time

    from mdo_planner.agenda.builder import build_agenda
    from mdo_planner.agenda.model import AgendaCase, AgendaSession, Attendee, PatientData

    session = AgendaSession(
        session_id="SELFTEST",
        tumour_group="BREAST",
        echelon="local",
        host_hospital="H1",
        date=date(2027, 1, 5),
        start=time(16, 0),
        duration_min=60,
        tumour_group_name="Breast cancer",
        host_hospital_name="Self-test hospital",
    )
    cases = [
        AgendaCase(
            case_id=f"C{n}",
            patient=PatientData(reference=f"P-{n:06d}", name=name),
            referring_hospital="H1",
            tumour_group="BREAST",
            triage_level=level,
            minutes=minutes,
            question="Neoadjuvant therapy or surgery first? α-FP ≥ 5 µg/L",
            pathology_available=True,
            imaging_available=True,
        )
        for n, (name, level, minutes) in enumerate(
            zip(PDF_NAMES, ("regional", "local", "protocol"), (8, 4, 0), strict=True), 1
        )
    ]
    attendees = [Attendee(expert_id="E1", name="Dr. A. Jansen", discipline="SURG")]
    return build_agenda(session, cases, attendees, privacy="full")


def step_agenda_pdf(ctx: Context) -> str:
    """An agenda PDF with the bundled font, written the way exports write it (atomically)."""
    from mdo_planner.pdf import agenda_file_name
    from mdo_planner.pdf.agenda_pdf import agenda_pdf_bytes, write_pdf

    agenda = _probe_agenda()
    path = write_pdf(ctx.folder / agenda_file_name(agenda.session), agenda_pdf_bytes(agenda))
    ctx.values["pdf"] = (path, agenda)
    return f"{path.name}, {path.stat().st_size // 1024} KiB, {len(agenda.all_items)} items"


def check_pdf(path: Path, expected: Sequence[str]) -> str:
    """Read a PDF back: it parses, carries the expected texts, and embeds all its fonts."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    flat = " ".join(text.split())
    lost = [word for word in expected if " ".join(word.split()) not in flat]
    if lost:
        shown = ", ".join(lost[:5]) + (f" and {len(lost) - 5} more" if len(lost) > 5 else "")
        raise SelfTestError(f"{path.name}: text not found in the PDF: {shown}")
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources is not None else None
        for ref in (font_dict or {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont"))] = embedded
    not_embedded = sorted(name for name, ok in fonts.items() if not ok)
    if not fonts or not_embedded:
        raise SelfTestError(
            f"{path.name}: fonts not embedded: {', '.join(not_embedded) or 'no fonts at all'}"
        )
    return f"{len(reader.pages)} page(s), {len(expected)} texts found, {len(fonts)} fonts embedded"


def step_read_back(ctx: Context) -> str:
    """The plan's agenda PDF holds the session and every listed patient, in embedded fonts."""
    path, expected = ctx.values["plan_pdf"]
    return check_pdf(path, expected)


def step_unicode_pdf(ctx: Context) -> str:
    """Names that need the bundled Unicode font print, and the font is embedded."""
    path, agenda = ctx.values["pdf"]
    return check_pdf(path, [agenda.session.tumour_group_name, *PDF_NAMES])


def _gui_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "mdo_planner"]


#: The desktop app stays open this long before it closes itself (``--quit-after``).
GUI_SECONDS = 2.0


def step_gui(ctx: Context) -> str:
    """Open the desktop app offscreen on a demo database and let it close itself.

    A separate process, so that the Qt plugins, fonts and translations are loaded exactly as
    at a user's start, and the self-test itself never imports Qt.
    """
    import subprocess

    env = dict(os.environ)
    env["MDO_PLANNER_DATA_DIR"] = str(ctx.folder / "gui-data")
    env["QT_QPA_PLATFORM"] = "offscreen"
    # Keep the window layout and "recent databases" (QSettings) of this throw-away run out of
    # the user's own settings. Qt reads XDG_CONFIG_HOME on Linux; on Windows and macOS the
    # native settings store cannot be moved by the environment.
    env["XDG_CONFIG_HOME"] = str(ctx.folder / "gui-config")
    t0 = time.perf_counter()
    res = subprocess.run(
        [*_gui_command(), "--demo", "--quit-after", str(GUI_SECONDS)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=300,
        check=False,
    )
    if res.returncode != 0 or res.stderr.strip():
        said = (res.stderr.strip() or res.stdout.strip()).splitlines()
        raise SelfTestError(
            f"the desktop app exited with status {res.returncode}"
            + (f": {said[-1]}" if said else "")
        )
    return f"opened on the demo network and closed after {time.perf_counter() - t0:.1f} s"


STEPS: tuple[Step, ...] = (
    Step("site configuration", step_site_config),
    Step("site database", step_site_database, needs=("site configuration",)),
    Step("database", step_database),
    Step("demo network", step_demo, needs=("database",)),
    Step("triage", step_triage, needs=("demo network",)),
    Step("planning", step_plan, needs=("demo network",)),
    Step("agenda PDF", step_plan_agenda, needs=("planning",)),
    Step("read back", step_read_back, needs=("agenda PDF",)),
    Step("unicode PDF", step_agenda_pdf),
    Step("unicode read back", step_unicode_pdf, needs=("unicode PDF",)),
    Step("desktop app", step_gui),
)


# --------------------------------------------------------------------------------- runner


@contextmanager
def _isolated_environment(folder: Path) -> Iterator[None]:
    """Point the app at the temporary folder, offscreen, and put everything back afterwards."""
    saved = {
        k: os.environ.get(k) for k in ("MDO_PLANNER_DATA_DIR", "MDO_PLANNER_DB", "QT_QPA_PLATFORM")
    }
    data = folder / "data"
    data.mkdir()
    os.environ["MDO_PLANNER_DATA_DIR"] = str(data)
    os.environ.pop("MDO_PLANNER_DB", None)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _why(exc: BaseException) -> str:
    """One line for the person at the screen: the error and, for a crash, where it happened."""
    text = f"{type(exc).__name__}: {exc}".strip()
    from mdo_planner.errors import UserError

    if isinstance(exc, SelfTestError | UserError):
        return str(exc)
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        last = frames[-1]
        text += f" (at {Path(last.filename).name}:{last.lineno})"
    return " ".join(text.split())


def run(steps: Sequence[Step] | None = None, out: TextIO | None = None) -> int:
    """Run the steps in a temporary folder; 0 when all passed, 1 otherwise."""
    steps = STEPS if steps is None else steps
    out = out or sys.stdout
    started = time.perf_counter()
    failed: list[str] = []
    passed: set[str] = set()
    with tempfile.TemporaryDirectory(
        prefix="mdo-planner-self-test-", ignore_cleanup_errors=True
    ) as tmp:
        ctx = Context(folder=Path(tmp))
        with _isolated_environment(ctx.folder):
            try:
                for step in steps:
                    missing = [n for n in step.needs if n not in passed]
                    if missing:
                        print(f"skipped {step.name}: needs {', '.join(missing)}", file=out)
                        failed.append(step.name)
                        continue
                    t0 = time.perf_counter()
                    try:
                        detail = step.run(ctx)
                    except Exception as exc:  # every failure is reported, none escapes
                        log.exception("self-test step %r failed", step.name)
                        print(f"FAILED {step.name}: {_why(exc)}", file=out)
                        failed.append(step.name)
                        continue
                    seconds = time.perf_counter() - t0
                    passed.add(step.name)
                    log.info("self-test step %r ok in %.2f s: %s", step.name, seconds, detail)
                    line = f"ok {step.name} ({seconds:.2f} s)"
                    print(f"{line}: {detail}" if detail else line, file=out)
            finally:
                for cleanup in reversed(ctx.cleanups):
                    try:
                        cleanup()
                    except Exception:  # a failed clean-up must not hide the result
                        log.exception("self-test clean-up failed")
    total = time.perf_counter() - started
    if failed:
        print(
            f"self-test FAILED: {len(failed)} of {len(steps)} steps did not pass "
            f"({', '.join(failed)})",
            file=out,
        )
        return 1
    print(f"self-test passed: {len(steps)} steps in {total:.1f} s", file=out)
    return 0
