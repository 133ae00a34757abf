"""B2B meeting scheduler: a pure-Python core (no Django, no ORM).

Build a :class:`Problem` from dataclasses, call :func:`solve` (exact CP-SAT on small and medium
events, large-neighbourhood search around CP-SAT on large ones) or :func:`reschedule` after a
change, and read the :class:`Result`. ``parse_dzn`` / ``to_contract`` speak the benchmark format.
"""

from .dzn import DznError, parse_dzn, parse_dzn_text, to_contract
from .indexed import ProblemError
from .model import (
    Meeting,
    Participant,
    Placement,
    Problem,
    Progress,
    Result,
    Slot,
    SolveOptions,
    Table,
)
from .reschedule import reschedule
from .solve import solve

__all__ = [
    "DznError",
    "Meeting",
    "Participant",
    "Placement",
    "Problem",
    "ProblemError",
    "Progress",
    "Result",
    "Slot",
    "SolveOptions",
    "Table",
    "parse_dzn",
    "parse_dzn_text",
    "reschedule",
    "solve",
    "to_contract",
]
