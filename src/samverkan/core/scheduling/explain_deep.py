"""Explanations for infeasibility that only search can reveal (the pre-checks passed).

Each participant's own constraints (one meeting at a time, the fairness rule) are guarded by an
assumption literal; CP-SAT's sufficient-assumptions core then names a set of participants whose
constraints together cannot be met. A second solve without the fairness rule tells whether
fairness is what makes the event impossible.
"""

from __future__ import annotations

import dataclasses

from .cpsat import Builder
from .indexed import Indexed


def explain_infeasible(ix: Indexed, time_left: float) -> list[str]:
    pr = ix.problem
    out = ["no schedule satisfies every hard constraint (proven by exhaustive search)"]
    budget = max(1.0, time_left / 2)
    b = Builder(ix, symmetry=False, assumptions=True)
    lits = [b.enf[p] for p in range(ix.n_participants)]
    b.m.add_assumptions(lits)
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = budget
    solver.parameters.num_workers = 1  # cores over assumptions need the sequential search
    code = solver.solve(b.m)
    if code == cp_model.INFEASIBLE:
        core = solver.sufficient_assumptions_for_infeasibility()
        idx = {v.index: p for p, v in b.enf.items()}
        who = sorted({idx[i] for i in core if i in idx})
        if who:
            names = ", ".join(str(pr.participants[p].id) for p in who[:10])
            more = f" (+{len(who) - 10} more)" if len(who) > 10 else ""
            out.append(
                f"participants whose agendas cannot all be satisfied together: {names}{more}"
            )
        else:
            out.append("the table capacity, sessions and fixed meetings alone leave no room")
    if pr.fairness is not None:
        relaxed = dataclasses.replace(pr, fairness=None)
        from .indexed import compile_problem

        rb = Builder(compile_problem(relaxed), symmetry=False)
        rs = cp_model.CpSolver()
        rs.parameters.max_time_in_seconds = budget
        rs.parameters.num_workers = 2
        rc = rs.solve(rb.m)
        if rc in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            out.append(
                f"a schedule exists without the fairness rule (d = {pr.fairness}); it is "
                "the fairness rule that cannot be met"
            )
        elif rc == cp_model.INFEASIBLE:
            out.append("no schedule exists even without the fairness rule")
    return out
