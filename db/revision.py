"""Developer tool: ``python -m db.revision "what changed"`` writes the next migration.

It migrates a throw-away SQLite database to the current head and lets Alembic compare it with
``db.models``, so the new revision contains exactly the model changes since the last release.
Review the generated file before committing it (autogenerate misses renames and data moves),
and add a fixture database of the released schema as ``docs/database.md`` explains.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from db.engine import alembic_config, create_engine_for, script_directory, upgrade


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not args[0].strip():
        print('usage: python -m db.revision "short description of the change"', file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine_for(f"sqlite:///{Path(tmp) / 'head.sqlite'}")
        try:
            if script_directory().get_current_head() is not None:
                upgrade(engine)
            rev_id = f"{len(list(script_directory().walk_revisions())) + 1:04d}"
            with engine.connect() as conn, conn.begin():
                command.revision(
                    alembic_config(conn), message=args[0], autogenerate=True, rev_id=rev_id
                )
        finally:
            engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
