"""Public dataclasses of the B2B meeting scheduler (inputs, options and results).

Everything here is plain data: the events app builds a :class:`Problem` from its ORM rows, calls
:func:`samverkan.core.scheduling.solve` and stores the :class:`Result`. Identifiers are opaque
hashables (database primary keys, strings, benchmark row numbers); slots are ordered by their
position in ``Problem.slots`` and consecutive positions count as consecutive times.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Literal

Id = Hashable

Status = Literal["OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN"]


@dataclass(frozen=True)
class Participant:
    """Someone who attends meetings.

    ``unavailable`` holds slot ids the participant cannot attend (availability windows are
    expressed as the complement). Participants sharing a ``company`` are team members; whether
    they may meet in parallel is decided by ``Problem.parallel_companies``. ``is_sme`` marks the
    participants protected by ``Problem.sme_min_share``.
    """

    id: Id
    company: Id | None = None
    unavailable: frozenset[Id] = frozenset()
    is_sme: bool = False


@dataclass(frozen=True)
class Slot:
    """A time slot; ``session`` names the part of the day (e.g. "morning", "afternoon")."""

    id: Id
    session: str = ""


@dataclass(frozen=True)
class Table:
    """A meeting location. ``reserved_for`` is a company (or participant) id owning a stand:
    such a table hosts only that owner's meetings, and the owner's meetings go to its stand."""

    id: Id
    type: str = ""
    reserved_for: Id | None = None


@dataclass(frozen=True)
class Meeting:
    """A requested meeting between participants ``a`` and ``b``.

    ``sessions``: allowed session names (empty = any). ``priority``: weight when not every
    meeting can be placed (only with ``Problem.allow_unscheduled``). ``fixed_slot`` /
    ``fixed_table``: pinned in advance. ``after``: meeting ids that must be held in a strictly
    earlier slot. ``table_type``: required table type (empty = any unreserved table).
    """

    id: Id
    a: Id
    b: Id
    sessions: frozenset[str] = frozenset()
    priority: int = 1
    fixed_slot: Id | None = None
    fixed_table: Id | None = None
    after: tuple[Id, ...] = ()
    table_type: str = ""


@dataclass(frozen=True)
class Placement:
    """One scheduled meeting."""

    meeting: Id
    slot: Id
    table: Id


@dataclass
class Problem:
    """A complete scheduling problem.

    fairness: the d of the fairness rule (max breaks - min breaks over all participants <= d);
        None switches it off.
    parallel_companies: companies whose members may hold meetings at the same time; members of
        any other company share one agenda (never two meetings of that company at once).
        None means every company may meet in parallel.
    lunch_slots / lunch_min_free: every participant keeps at least ``lunch_min_free`` of the
        ``lunch_slots`` free (idle slots forced by lunch are not counted as breaks when they
        are at the edge of the day, and counted like any other gap otherwise).
    allow_unscheduled: when True a meeting may stay unplaced; the solver first maximises the
        total priority of placed meetings, then minimises breaks.
    sme_min_share: with allow_unscheduled, each participant with ``is_sme`` gets at least this
        share (0..1, rounded up) of its requested meetings.
    previous: an earlier schedule (rescheduling): the solver then minimises, in this order,
        unplaced priority, the number of previously placed meetings that move, and breaks.
    """

    participants: list[Participant]
    slots: list[Slot]
    tables: list[Table]
    meetings: list[Meeting]
    fairness: int | None = 2
    parallel_companies: frozenset[Id] | None = None
    lunch_slots: frozenset[Id] = frozenset()
    lunch_min_free: int = 0
    allow_unscheduled: bool = False
    sme_min_share: float = 0.0
    previous: list[Placement] | None = None
    name: str = ""


@dataclass
class Progress:
    """Reported to ``SolveOptions.progress`` whenever a better schedule is found."""

    seconds: float
    breaks: int | None
    lower_bound: int | None
    unscheduled: int
    moved: int


@dataclass
class SolveOptions:
    """time_limit: seconds of wall time for the whole call. workers: CP-SAT threads (None =
    chosen from the CPU count). method: "auto" (exact on small, exact + large-neighbourhood
    search on large), "exact" (one CP-SAT model), "lns" (large neighbourhood search) or
    "greedy" (first-free-slot baseline, no optimisation)."""

    time_limit: float = 60.0
    workers: int | None = None
    seed: int = 0
    method: Literal["auto", "exact", "lns", "greedy"] = "auto"
    progress: Callable[[Progress], None] | None = None
    log: Callable[[str], None] | None = None


@dataclass
class Result:
    """The solver's answer.

    status: OPTIMAL (proven), FEASIBLE (valid, not proven), INFEASIBLE (proven, see
    ``explanation``) or UNKNOWN (nothing found in time). ``lower_bound`` is a proven lower bound
    on the breaks of any valid schedule placing the same meetings (None when unknown).
    """

    status: Status
    placements: list[Placement] = field(default_factory=list)
    unscheduled: list[Id] = field(default_factory=list)
    breaks: int | None = None
    lower_bound: int | None = None
    breaks_per_participant: dict[Id, int] = field(default_factory=dict)
    moved: list[Id] = field(default_factory=list)
    seconds: float = 0.0
    explanation: list[str] = field(default_factory=list)
    method: str = ""
