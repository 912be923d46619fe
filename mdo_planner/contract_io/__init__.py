"""The contract's formats in and out: scenario files, registrations (CSV/XLSX), FHIR bundles,
the meeting record, and the importer/exporter that move them into and out of the database.

Grouped so that everything that reads or writes a format another system relies on lives in
one place; this package re-exports nothing, import the module you need.
"""
