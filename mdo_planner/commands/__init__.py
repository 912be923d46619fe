"""One module per ``mdo-planner`` sub-command (see :mod:`mdo_planner.cli`)."""
