"""``mdo-planner fhir import BUNDLE.json`` and ``mdo-planner fhir export --session ID``.

FHIR R4 (R4B models): registrations in as a Bundle of Patient, ServiceRequest, Condition and
complexity Observations, registered exactly as ``import-cases`` registers a CSV row; a closed
meeting out as an Encounter with a Composition per discussed case. See docs/interop.md.
"""

from __future__ import annotations

import argparse

from mdo_planner import cli


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "fhir",
        help="FHIR R4: import registrations (Bundle), export a closed meeting's outcome",
        description="FHIR R4 (nl-core's version) registrations in and MDO reports out. "
        "See docs/interop.md for the resources, identifiers and examples.",
    )
    sub = p.add_subparsers(dest="fhir_command", metavar="ACTION", required=True)
    imp = sub.add_parser(
        "import",
        help="register the ServiceRequests of a Bundle as cases",
        description="Register the MDO registrations (ServiceRequest with its Patient, "
        "Condition and complexity Observations) of BUNDLE.json. Every registration is "
        "checked first; any problem is reported with its JSON path and nothing is imported "
        "(exit status 2) unless --skip-invalid is given. Registrations already present are "
        "skipped. Cases are triaged and wait for a clinician to confirm their level.",
    )
    imp.add_argument("bundle", metavar="BUNDLE.json")
    imp.add_argument(
        "--conditions",
        metavar="TABLE.toml",
        help="the network's Condition code -> tumour group table "
        "(default: the table shipped with the app)",
    )
    imp.add_argument(
        "--hospital",
        metavar="CODE",
        help="the referring hospital when the Bundle names no organisation",
    )
    imp.add_argument("--check", action="store_true", help="check only; import nothing")
    imp.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid registrations and report the others",
    )
    cli.add_db_option(imp)
    imp.set_defaults(func=import_handler)
    exp = sub.add_parser(
        "export",
        help="write a closed meeting's outcome as a FHIR Bundle",
        description="Write the closed meeting of a session as a FHIR Bundle: an Encounter "
        "with its participants and a Composition per discussed case. Patients of hospitals "
        "other than the receiving one (--for, default the hosting hospital) are identified "
        "by a pseudonym only; their BSN, name and birth date are left out.",
    )
    exp.add_argument("--session", metavar="ID", required=True, help="session id (e.g. S12)")
    exp.add_argument("--out", metavar="BUNDLE.json", required=True, help="the file to write")
    exp.add_argument(
        "--for",
        dest="receiver",
        metavar="HOSPITAL",
        help="the receiving hospital's code (default: the hosting hospital)",
    )
    cli.add_db_option(exp)
    exp.set_defaults(func=export_handler)


def import_handler(ns: argparse.Namespace) -> int:
    from mdo_planner.contract_io import fhir
    from mdo_planner.services import fhir_service
    from mdo_planner.services.base import current_user, open_database

    # The Bundle is checked before the database is opened (or created).
    table = fhir.condition_table(ns.conditions)
    fhir.read_registrations(ns.bundle, table)
    db = open_database(ns.db)
    try:
        result = fhir_service.import_bundle(
            db,
            ns.bundle,
            conditions=ns.conditions,
            default_hospital=ns.hospital,
            dry_run=ns.check,
            skip_invalid=ns.skip_invalid,
            user=current_user(),
        )
    finally:
        db.dispose()
    from mdo_planner.commands.import_cases import report_result

    return report_result(result, str(ns.bundle), "registration(s)", db.display_name, ns)


def export_handler(ns: argparse.Namespace) -> int:
    from mdo_planner.services import fhir_service
    from mdo_planner.services.base import current_user, open_database

    db = open_database(ns.db)
    try:
        result = fhir_service.export_meeting(
            db, ns.session, ns.out, receiver=ns.receiver, user=current_user()
        )
    finally:
        db.dispose()
    print(
        f"wrote the MDO outcome of session {result.session} for {result.receiver} to "
        f"{result.path}: {result.compositions} discussed case(s), {result.pseudonymous} "
        "of other hospitals under a pseudonym"
    )
    return 0
