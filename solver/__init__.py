"""Pure optimisation: plain dataclasses in, a plan out (OR-Tools CP-SAT).

Imports nothing of this project, no database and no Qt, so that it can be tested and
benchmarked on its own and reused by any front end.
"""
