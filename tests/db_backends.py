"""The two database backends the data-layer tests run against.

``backend_url(request)`` gives a fresh SQLite file for the ``sqlite`` parameter, and a fresh
PostgreSQL database (via ``pg_url``, skipped without ``MDO_TEST_PG_URL``) for ``postgresql``.
Tests parametrise with ``BACKENDS`` so each runs on both.
"""

from __future__ import annotations

import pytest

from mdo_planner.infra import config

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.pg),
]


def backend_url(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return config.sqlite_url(config.data_dir() / "test.sqlite")
