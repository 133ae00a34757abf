"""Bottom-up bound search: is there a schedule with at most ``k`` breaks in total?

After the zero-break probe has proven the lower bound 1, the exact model is solved as a pure
*feasibility* problem with the hard budget "total breaks <= k", k = lower bound, lower bound
+ 1, ...: a schedule found is optimal (its breaks equal a proven lower bound), a proof of
infeasibility raises the bound by one. With a tight budget almost every participant must hold
its meetings in one contiguous block, which CP-SAT propagates far better than it raises an
objective bound from above. The model is strengthened with

* per participant a literal "has a break"; at most ``k`` of them are true;
* per participant its meetings' slots are all different, and without a break its span
  (last slot - first slot + 1) equals its number of meetings, so the meetings are a
  permutation of one window (all-different reasoning then sees Hall intervals);
* per participant at most ``1 + min(k, fairness d)`` block starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cpsat import Builder

if TYPE_CHECKING:
    from .indexed import Indexed


def bound_model(ix: Indexed, k: int, *, span: bool = True) -> Builder:
    """The exact model with total breaks <= ``k`` and no objective."""
    b = Builder(ix)
    md = b.m
    md.clear_objective()
    d = ix.problem.fairness
    cap = k if d is None else min(k, d)
    has: list = []
    for p, h in b.H.items():
        ms = ix.meetings_of[p]
        if len(ms) < 2:
            continue
        md.add(h <= cap)  # at most 1 + cap block starts
        brk = md.new_bool_var(f"hb{p}")
        md.add(h == 0).only_enforce_if(brk.Not())
        md.add(h >= 1).only_enforce_if(brk)
        has.append(brk)
        if not span:
            continue
        s = [b.slot_expr(m) for m in ms]
        sv = []
        for m, e in zip(ms, s, strict=True):
            dom = ix.dom[m]
            v = md.new_int_var(min(dom), max(dom), f"sl{m}_{p}")
            md.add(v == e)
            sv.append(v)
        md.add_all_different(sv)
        T = ix.n_slots
        lo = md.new_int_var(0, T - 1, f"lo{p}")
        hi = md.new_int_var(0, T - 1, f"hi{p}")
        md.add_min_equality(lo, sv)
        md.add_max_equality(hi, sv)
        md.add(hi - lo == len(ms) - 1).only_enforce_if(brk.Not())
        md.add(hi - lo >= len(ms)).only_enforce_if(brk)
    md.add(sum(b.H.values()) <= k)
    if has:
        md.add(sum(has) <= k)
    return b
