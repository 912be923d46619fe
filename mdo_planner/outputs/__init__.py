"""Files the planner hands to people: calendar files (ICS), tables (XLSX/CSV) and the quality
export.

Grouped apart from :mod:`mdo_planner.contract_io` because these are outputs for readers, not
formats another system reads back; this package re-exports nothing.
"""
