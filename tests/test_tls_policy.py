"""A PostgreSQL server on another machine is reached only with verified TLS (issue 17).

These check the refusal rules without a server; ``test_tls_server.py`` runs them against a
server started with a test CA.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mdo_planner.__main__ import main
from mdo_planner.errors import UserError
from mdo_planner.infra.config import check_tls


@pytest.fixture
def ca(tmp_path: Path) -> Path:
    path = tmp_path / "hospital-ca.pem"
    path.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    return path


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///x.sqlite",
        "postgresql+psycopg://jansen@localhost/mdo",
        "postgresql+psycopg://jansen@127.0.0.1:5432/mdo",
        "postgresql+psycopg://jansen@[::1]/mdo",
        "postgresql+psycopg://jansen@/mdo",  # Unix socket, default folder
        "postgresql+psycopg://jansen@/mdo?host=/run/postgresql",
    ],
)
def test_this_machine_needs_no_tls(url: str) -> None:
    check_tls(url)


@pytest.mark.parametrize(
    "mode", ["", "?sslmode=disable", "?sslmode=prefer", "?sslmode=require", "?sslmode=verify-ca"]
)
def test_another_machine_without_verify_full_is_refused(mode: str) -> None:
    with pytest.raises(UserError, match="on another machine: connect with sslmode=verify-full"):
        check_tls(f"postgresql+psycopg://jansen@db.ziekenhuis.nl/mdo{mode}")


def test_verify_full_needs_the_hospitals_ca(ca: Path) -> None:
    base = "postgresql+psycopg://jansen@db.ziekenhuis.nl/mdo?sslmode=verify-full"
    with pytest.raises(UserError, match="give the hospital's CA certificate"):
        check_tls(base)
    with pytest.raises(UserError, match="give the hospital's CA certificate"):
        check_tls(base + "&sslrootcert=system")
    with pytest.raises(UserError, match="does not exist"):
        check_tls(base + "&sslrootcert=/nonexistent/ca.pem")
    check_tls(f"{base}&sslrootcert={ca}")


def test_a_remote_host_in_the_query_counts_too() -> None:
    with pytest.raises(UserError, match=r"db2\.ziekenhuis\.nl"):
        check_tls("postgresql+psycopg://jansen@/mdo?host=/run/postgresql,db2.ziekenhuis.nl")


def test_the_command_line_refuses_before_connecting(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["info", "--db", "postgresql+psycopg://jansen@db.invalid/mdo?sslmode=require"])
    assert code == 2
    err = capsys.readouterr().err
    assert "sslmode=verify-full" in err and "Traceback" not in err
