"""TLS against a real PostgreSQL server that the test starts itself with a test CA (issue 17).

The server presents a certificate for ``db.hospital.test`` signed by a throw-away "hospital
CA"; the client reaches it on 127.0.0.1 through libpq's ``hostaddr`` (so the name is checked
against the certificate without touching /etc/hosts). The application must refuse a weak
setting before connecting, connect with ``verify-full`` and the hospital's CA, and fail
clearly with another CA.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from mdo_planner.errors import UserError
from mdo_planner.services.base import open_database

HOST = "db.hospital.test"
BINS = sorted(glob.glob("/usr/lib/postgresql/*/bin"))


def _need() -> str | None:
    if not BINS or not Path(BINS[-1], "initdb").exists():
        return "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin"
    if shutil.which("openssl") is None:
        return "openssl is not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a postgres user to run the server as"
    return None


def _run_as_server(cmd: list[str]) -> None:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(prefix + cmd, check=True, capture_output=True, text=True)


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=cwd)


def _make_ca(folder: Path, name: str) -> None:
    _openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        f"/CN={name}",
        "-keyout",
        f"{name}.key",
        "-out",
        f"{name}.pem",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        cwd=folder,
    )


@pytest.fixture(scope="module")
def tls_server() -> Iterator[dict[str, object]]:
    reason = _need()
    if reason:
        pytest.skip(reason)
    bins = Path(BINS[-1])
    root = Path(tempfile.mkdtemp(prefix="mdo-tls-", dir="/tmp"))
    root.chmod(0o755)
    try:
        _make_ca(root, "hospital-ca")
        _make_ca(root, "other-ca")
        _openssl(
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            f"/CN={HOST}",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            cwd=root,
        )
        (root / "san.ext").write_text(f"subjectAltName=DNS:{HOST}\n", encoding="ascii")
        _openssl(
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "hospital-ca.pem",
            "-CAkey",
            "hospital-ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "san.ext",
            "-out",
            "server.pem",
            cwd=root,
        )
        data = root / "data"
        data.mkdir()
        if os.geteuid() == 0:
            pg = pwd.getpwnam("postgres")
            for p in (root, data, root / "server.key", root / "server.pem"):
                os.chown(p, pg.pw_uid, pg.pw_gid)
        (root / "server.key").chmod(0o600)
        _run_as_server(
            [str(bins / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        )
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        with (data / "postgresql.conf").open("a", encoding="utf-8") as f:
            f.write(
                f"\nport = {port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{root}'\nssl = on\n"
                f"ssl_cert_file = '{root / 'server.pem'}'\n"
                f"ssl_key_file = '{root / 'server.key'}'\n"
            )
        (data / "pg_hba.conf").write_text(
            "local all all trust\nhostssl all all 127.0.0.1/32 trust\n", encoding="utf-8"
        )
        _run_as_server(
            [
                str(bins / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(root / "log"),
                "-w",
                "-t",
                "30",
                "start",
            ]
        )
        try:
            yield {"port": port, "ca": root / "hospital-ca.pem", "other": root / "other-ca.pem"}
        finally:
            _run_as_server([str(bins / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _url(server: dict[str, object], query: str) -> str:
    return (
        f"postgresql+psycopg://postgres@{HOST}:{server['port']}/postgres?hostaddr=127.0.0.1&{query}"
    )


@pytest.mark.parametrize("query", ["sslmode=require", "sslmode=verify-ca", "sslmode=prefer"])
def test_a_weaker_setting_is_refused_before_connecting(tls_server, query: str) -> None:
    with pytest.raises(UserError, match="connect with sslmode=verify-full"):
        open_database(_url(tls_server, f"{query}&sslrootcert={tls_server['ca']}"), migrate=False)


def test_verify_full_with_the_hospitals_ca_connects_encrypted(tls_server) -> None:
    db = open_database(
        _url(tls_server, f"sslmode=verify-full&sslrootcert={tls_server['ca']}"), migrate=False
    )
    try:
        with db.engine.connect() as conn:
            assert conn.execute(
                sa.text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            ).scalar_one()
    finally:
        db.dispose()


def test_a_certificate_from_another_ca_is_refused(tls_server) -> None:
    with pytest.raises(UserError, match="certificate verify failed"):
        db = open_database(
            _url(tls_server, f"sslmode=verify-full&sslrootcert={tls_server['other']}"),
            migrate=False,
        )
        db.dispose()
