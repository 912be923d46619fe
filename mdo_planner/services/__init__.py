"""Use cases of the application (triage, planning, agendas, ...), built on
:mod:`mdo_planner.services.base`: one ``Database``, one transaction per unit of work."""
