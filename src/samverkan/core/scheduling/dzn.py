"""Reader for the MiniZinc ``.dzn`` instances of Bofill et al. (JAIR 74, 2022) and writer of the
JSON output contract (see ../shared/b2b/README.md).

Participants, meetings and slots keep the benchmark's 1-based numbers as ids; slots
``1..nMorningSlots`` get session "morning", the rest "afternoon"; session code 1/2/3 becomes the
allowed sessions {morning}/{afternoon}/any.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import Meeting, Participant, Problem, Result, Slot, Table

MORNING, AFTERNOON = "morning", "afternoon"


class DznError(ValueError):
    """The file is not a valid instance."""


def _statements(text: str) -> dict[str, str]:
    text = "\n".join(line.split("%", 1)[0] for line in text.splitlines())
    out: dict[str, str] = {}
    for stmt in text.split(";"):
        if not stmt.strip():
            continue
        if "=" not in stmt:
            raise DznError(f"unparsable statement: {stmt.strip()[:60]!r}")
        key, value = stmt.split("=", 1)
        out[key.strip()] = value.strip()
    return out


def _ints(s: str) -> list[int]:
    return [int(x) for x in re.findall(r"-?\d+", s)]


def _sets(s: str) -> list[set[int]]:
    sets = []
    for body in re.findall(r"\{([^{}]*)\}", s):
        items: set[int] = set()
        for part in body.split(","):
            part = part.strip()
            if not part:
                continue
            if ".." in part:
                lo, hi = part.split("..", 1)
                items.update(range(int(lo), int(hi) + 1))
            else:
                items.add(int(part))
        sets.append(items)
    return sets


def _size(d: dict[str, str], key: str) -> int:
    try:
        return int(d[key])
    except KeyError:
        raise DznError(f"missing {key}") from None
    except ValueError:
        raise DznError(f"{key} is not an integer") from None


def parse_dzn_text(text: str, name: str = "") -> Problem:
    """Parse the text of one instance into a :class:`Problem` (fairness d = 2)."""
    d = _statements(text)
    nb, nm = _size(d, "nBusiness"), _size(d, "nMeetings")
    nt, ns, nmo = _size(d, "nTables"), _size(d, "nTotalSlots"), _size(d, "nMorningSlots")
    if not (0 <= nmo <= ns) or nt < 0 or ns < 1:
        raise DznError(f"bad sizes: nTables={nt} nTotalSlots={ns} nMorningSlots={nmo}")
    nums = _ints(d.get("requested", ""))
    if len(nums) != 3 * nm:
        raise DznError(f"requested holds {len(nums)} numbers, expected {3 * nm}")
    forbidden = [{t for t in s if t} for s in _sets(d["forbidden"])] if "forbidden" in d else []
    forbidden = forbidden or [set() for _ in range(nb)]
    if len(forbidden) != nb or any(not 1 <= t <= ns for s in forbidden for t in s):
        raise DznError("forbidden must hold nBusiness sets of slots in 1..nTotalSlots")
    fixed = _ints(d["fixed"]) if "fixed" in d else [0] * nm
    if len(fixed) != nm or any(not 0 <= t <= ns for t in fixed):
        raise DznError("fixed must hold nMeetings values in 0..nTotalSlots")
    prec = _sets(d["precedences"]) if "precedences" in d else [set() for _ in range(nm)]
    if len(prec) != nm or any(not 1 <= j <= nm for s in prec for j in s):
        raise DznError("precedences must hold nMeetings sets of meetings in 1..nMeetings")

    slots = [Slot(t, MORNING if t <= nmo else AFTERNOON) for t in range(1, ns + 1)]
    participants = [
        Participant(p, unavailable=frozenset(forbidden[p - 1])) for p in range(1, nb + 1)
    ]
    sessions = {1: frozenset({MORNING}), 2: frozenset({AFTERNOON}), 3: frozenset()}
    meetings = []
    for i in range(nm):
        p1, p2, code = nums[3 * i : 3 * i + 3]
        if not (1 <= p1 <= nb and 1 <= p2 <= nb) or p1 == p2:
            raise DznError(f"requested row {i + 1}: bad participants ({p1}, {p2})")
        if code not in sessions:
            raise DznError(f"requested row {i + 1}: session code {code} not in 1, 2, 3")
        meetings.append(
            Meeting(
                i + 1,
                p1,
                p2,
                sessions=sessions[code],
                fixed_slot=fixed[i] or None,
                after=tuple(sorted(prec[i])),
            )
        )
    tables = [Table(k) for k in range(1, nt + 1)]
    return Problem(participants, slots, tables, meetings, fairness=2, name=name)


def parse_dzn(path: str | Path) -> Problem:
    """Read one ``.dzn`` file; the problem is named after the file without ``.dzn``."""
    path = Path(path)
    name = path.name[:-4] if path.name.endswith(".dzn") else path.name
    return parse_dzn_text(path.read_text(encoding="utf-8"), name)


def to_contract(problem: Problem, result: Result) -> dict:
    """The JSON object of the output contract (plus an ``explanation`` list when infeasible)."""
    has = result.status in ("OPTIMAL", "FEASIBLE") and not result.unscheduled
    out: dict = {
        "instance": problem.name,
        "status": result.status if has or result.status in ("INFEASIBLE", "UNKNOWN") else "UNKNOWN",
        "breaks": result.breaks if has else None,
        "lower_bound": result.lower_bound,
        "seconds": round(result.seconds, 3),
        "assignment": (
            sorted(
                (
                    {"meeting": p.meeting, "slot": p.slot, "table": p.table}
                    for p in result.placements
                ),
                key=lambda e: e["meeting"],
            )
            if has
            else []
        ),
    }
    if result.explanation:
        out["explanation"] = result.explanation
    if not has and result.placements:
        # Not part of the contract: what the best partial schedule achieved.
        out["unplaced"] = len(result.unscheduled)
        out["partial_breaks"] = result.breaks
    out["method"] = result.method
    return out
