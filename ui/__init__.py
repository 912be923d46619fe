"""The PySide6 desktop application: windows, dialogs, Qt models and workers.

The only package that imports Qt. It talks to the services of ``mdo_planner`` and never to
the database or the solver directly.
"""
