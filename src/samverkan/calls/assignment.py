"""Automatic reviewer assignment: a pure function, no ORM, so it can be tested alone.

Each application gets `per_application` reviewers. Reviewers with a conflict (declared, or
a member/partner of the applicant) are never used for it. Load is balanced greedily: the most
constrained application (fewest eligible reviewers) is served first, and it takes the least
loaded eligible reviewers, ties broken by reviewer id, so the result is deterministic. Existing
assignments count towards load and towards the application's quota.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AssignmentProblem:
    applications: list[int]
    reviewers: list[int]
    per_application: int
    # (application, reviewer) pairs that must never be assigned
    conflicts: frozenset[tuple[int, int]] = frozenset()
    existing: frozenset[tuple[int, int]] = frozenset()


@dataclass
class AssignmentResult:
    new: list[tuple[int, int]] = field(default_factory=list)
    # applications that could not get enough reviewers: application -> how many are missing
    short: dict[int, int] = field(default_factory=dict)
    load: dict[int, int] = field(default_factory=dict)


def assign(problem: AssignmentProblem) -> AssignmentResult:
    load = {reviewer: 0 for reviewer in problem.reviewers}
    have: dict[int, set[int]] = {application: set() for application in problem.applications}
    for application, reviewer in problem.existing:
        if application in have:
            have[application].add(reviewer)
        if reviewer in load:
            load[reviewer] += 1

    def eligible(application: int) -> list[int]:
        return [
            reviewer
            for reviewer in problem.reviewers
            if (application, reviewer) not in problem.conflicts
            and reviewer not in have[application]
        ]

    result = AssignmentResult()
    order = sorted(problem.applications, key=lambda a: (len(eligible(a)), a))
    for application in order:
        missing = problem.per_application - len(have[application])
        if missing <= 0:
            continue
        candidates = sorted(eligible(application), key=lambda r: (load[r], r))
        chosen = candidates[:missing]
        for reviewer in chosen:
            have[application].add(reviewer)
            load[reviewer] += 1
            result.new.append((application, reviewer))
        if len(chosen) < missing:
            result.short[application] = missing - len(chosen)
    result.load = load
    return result
