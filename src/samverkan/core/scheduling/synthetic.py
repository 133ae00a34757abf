"""Seeded generator of large synthetic B2B events in the benchmark's ``.dzn`` format.

Feasible by construction: a hidden schedule is planted first (each participant busy in one run
of consecutive slots, random pairings of the busy participants slot by slot), and every other
feature is derived from it: session codes agree with the planted slot, forbidden slots are
slots where the participant is idle, fixed meetings and precedences follow the planted slots,
and the number of tables is 1.15 times the average planted meetings per slot, or the planted
busiest slot when that is more (with long agendas the middle of the day is busier: on the
2,000-participant events the busiest slot needs about 1.19 times the average, so those slots
are exactly full). The planted schedule has a break only where an odd number of participants
were busy in a slot, so a schedule with few breaks exists. ``scattered=True`` plants random
busy slots instead (many breaks in the plant; still feasible without the fairness rule).
Popularity is skewed twice: 15 % of the participants are busy (almost) all day, and popular
participants (Pareto weights) tend to be paired with each other.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass


@dataclass
class Synthetic:
    text: str  # the .dzn content
    planted_slots: list[int]  # 1-based slot per meeting in the planted schedule
    n_meetings: int


def generate(
    participants: int = 2000,
    slots: int = 16,
    mean_meetings: float = 12.0,
    table_factor: float = 1.15,
    seed: int = 0,
    session_share: float = 0.2,
    forbidden_share: float = 0.05,
    fixed: int = 20,
    precedences: int = 20,
    scattered: bool = False,
) -> Synthetic:
    """``scattered``: plant each participant's busy slots as a random set instead of one run
    (the planted schedule then has many breaks, like an event whose generator knows nothing
    about breaks; it is still feasible, but not necessarily fair)."""
    rng = random.Random(seed)
    T, P = slots, participants
    morning = T // 2
    # Skewed popularity: a minority of sought-after participants fill (almost) the whole day.
    windows = []
    load = [0] * T
    for _ in range(P):
        if rng.random() < 0.15:
            k = T - rng.randint(0, 1)
        else:
            k = max(2, min(T, round(rng.gauss(mean_meetings - 1, 3))))
        # Start where the day is least busy so far, so the tables are evenly needed.
        a = min(range(T - k + 1), key=lambda a: sum(load[a : a + k]) + rng.random() * k)
        span = list(range(a, a + k))
        if scattered:
            span = sorted(rng.sample(range(T), k))
        for t in span:
            load[t] += 1
        windows.append(set(span))
    popularity = [rng.paretovariate(2.0) for _ in range(P)]
    meetings: list[tuple[int, int, int]] = []  # (p1, p2, slot) 0-based participants/slot
    for t in range(T):
        active = [p for p, w in enumerate(windows) if t in w]
        # Popular participants pair with popular ones more often (weighted shuffle).
        active.sort(key=lambda p: -popularity[p] * rng.random())
        rng.shuffle(active) if rng.random() < 0.5 else None
        for i in range(0, len(active) - 1, 2):
            meetings.append((active[i], active[i + 1], t))
    rng.shuffle(meetings)
    M = len(meetings)
    per_slot = [0] * T
    for _, _, t in meetings:
        per_slot[t] += 1
    tables = max(max(per_slot), math.ceil(table_factor * M / T))

    busy: list[set[int]] = [set() for _ in range(P)]
    for p1, p2, t in meetings:
        busy[p1].add(t)
        busy[p2].add(t)
    forbidden = [set() for _ in range(P)]
    for p in range(P):
        if rng.random() < forbidden_share:
            idle = [t for t in range(T) if t not in busy[p]]
            if idle:
                forbidden[p].add(rng.choice(idle) + 1)  # the format is 1-based
    rows = []
    for p1, p2, t in meetings:
        code = 3
        if rng.random() < session_share:
            code = 1 if t < morning else 2
        rows.append((p1 + 1, p2 + 1, code))
    fixed_slot = [0] * M
    for m in rng.sample(range(M), min(fixed, M)):
        fixed_slot[m] = meetings[m][2] + 1
    prec: list[set[int]] = [set() for _ in range(M)]
    tries = 0
    while sum(len(s) for s in prec) < precedences and tries < 100 * precedences:
        tries += 1
        j, m = rng.randrange(M), rng.randrange(M)
        if meetings[j][2] < meetings[m][2]:
            prec[m].add(j + 1)

    def sets(xs: list[set[int]]) -> str:
        return "[" + ", ".join("{" + ", ".join(map(str, sorted(s))) + "}" for s in xs) + "]"

    meetings_of: list[list[int]] = [[] for _ in range(P)]
    for i, (p1, p2, _) in enumerate(meetings):
        meetings_of[p1].append(i + 2)  # the format shifts meeting ids by +1, 1 = none
        meetings_of[p2].append(i + 2)
    text = "\n".join(
        [
            f"nBusiness = {P};",
            f"nMeetings = {M};",
            f"nTables = {tables};",
            f"nTotalSlots = {T};",
            f"nMorningSlots = {morning};",
            "requested = [|" + "\n|".join(f"{a}, {b}, {c}," for a, b, c in rows) + "|];",
            "meetingsxBusiness = " + sets([{1, *ms} for ms in meetings_of]) + ";",
            "nMeetingsBusiness = [" + ", ".join(str(len(ms)) for ms in meetings_of) + "];",
            "forbidden = " + sets([s or {0} for s in forbidden]) + ";",
            "fixed = [" + ", ".join(map(str, fixed_slot)) + "];",
            "precedences = " + sets(prec) + ";",
        ]
    )
    return Synthetic(text + "\n", [t + 1 for _, _, t in meetings], M)
