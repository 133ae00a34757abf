"""Small hand-made events: exact optima and the product extensions."""

from __future__ import annotations

from samverkan.core.scheduling import (
    Meeting,
    Participant,
    Placement,
    Problem,
    Progress,
    Slot,
    SolveOptions,
    Table,
    reschedule,
    solve,
)

OPTS = SolveOptions(time_limit=20, workers=2)


def event(n_part: int, pairs: list[tuple[int, int]], n_slots: int, n_tables: int, **kw) -> Problem:
    return Problem(
        participants=[Participant(p) for p in range(1, n_part + 1)],
        slots=[Slot(t, "morning") for t in range(1, n_slots + 1)],
        tables=[Table(k) for k in range(1, n_tables + 1)],
        meetings=[Meeting(i + 1, a, b) for i, (a, b) in enumerate(pairs)],
        **kw,
    )


def slot_of(res) -> dict:
    return {p.meeting: p.slot for p in res.placements}


def test_star_schedules_contiguously():
    res = solve(event(4, [(1, 2), (1, 3), (1, 4)], 5, 1), OPTS)
    assert res.status == "OPTIMAL" and res.breaks == 0
    assert sorted(slot_of(res).values()) in ([1, 2, 3], [2, 3, 4], [3, 4, 5])


def test_forced_break_by_unavailability_is_counted_and_optimal():
    pr = event(3, [(1, 2), (1, 3)], 3, 1)
    pr.participants[0] = Participant(1, unavailable=frozenset({2}))
    res = solve(pr, OPTS)
    assert res.status == "OPTIMAL"
    assert res.breaks == 1 == res.lower_bound
    assert res.breaks_per_participant[1] == 1
    assert set(slot_of(res).values()) == {1, 3}


def test_single_table_serialises_meetings():
    res = solve(event(4, [(1, 2), (3, 4)], 2, 1), OPTS)
    assert res.status == "OPTIMAL"
    assert {p.slot for p in res.placements} == {1, 2}
    assert {p.table for p in res.placements} == {1}


def test_fairness_rule_can_make_an_event_infeasible():
    # Participant 1 has meetings only possible in slots 1, 3, 5 (3 must-breaks: 2 breaks),
    # participant 6 has a lone meeting (0 breaks). d = 1 forbids the gap of 2.
    pr = event(6, [(1, 2), (1, 3), (1, 4), (5, 6)], 5, 2, fairness=1)
    pr.participants[0] = Participant(1, unavailable=frozenset({2, 4}))
    res = solve(pr, OPTS)
    assert res.status == "INFEASIBLE"
    assert any("fairness" in r for r in res.explanation)
    pr.fairness = 2
    assert solve(pr, OPTS).breaks == 2


def test_sessions_and_fixed_slot_and_precedence():
    pr = event(3, [(1, 2), (1, 3)], 4, 2)
    pr.slots = [Slot(1, "am"), Slot(2, "am"), Slot(3, "pm"), Slot(4, "pm")]
    pr.meetings = [
        Meeting(1, 1, 2, sessions=frozenset({"pm"})),
        Meeting(2, 1, 3, after=(1,)),
    ]
    res = solve(pr, OPTS)
    s = slot_of(res)
    assert s[1] == 3 and s[2] == 4 and res.breaks == 0
    pr.meetings = [Meeting(1, 1, 2, fixed_slot=2), Meeting(2, 1, 3)]
    s = slot_of(solve(pr, OPTS))
    assert s[1] == 2 and s[2] in (1, 3)


def test_team_members_without_parallel_meetings():
    people = [
        Participant("anna", company="acme"),
        Participant("ben", company="acme"),
        Participant("c"),
        Participant("d"),
    ]
    pr = Problem(
        people,
        [Slot(1), Slot(2)],
        [Table(1), Table(2)],
        [Meeting(1, "anna", "c"), Meeting(2, "ben", "d")],
    )
    # By default team members may meet in parallel: both fit in one slot.
    pr.parallel_companies = None
    res = solve(pr, OPTS)
    assert res.status == "OPTIMAL"
    # A company that shares one agenda gets its meetings in different slots.
    pr.parallel_companies = frozenset()
    s = slot_of(solve(pr, OPTS))
    assert s[1] != s[2]


def test_reserved_stand_table_and_table_type():
    people = [
        Participant("exhibitor", company="x"),
        Participant("b"),
        Participant("c"),
        Participant("d"),
        Participant("e"),
    ]
    tables = [Table("stand", reserved_for="x"), Table("t1"), Table("big", type="large")]
    meetings = [
        Meeting(1, "exhibitor", "b"),
        Meeting(2, "c", "d"),
        Meeting(3, "b", "e", table_type="large"),
        Meeting(4, "exhibitor", "c"),
    ]
    pr = Problem(people, [Slot(1), Slot(2), Slot(3)], tables, meetings)
    res = solve(pr, OPTS)
    assert res.status == "OPTIMAL"
    table = {p.meeting: p.table for p in res.placements}
    assert table[1] == table[4] == "stand"
    assert table[3] == "big"
    assert table[2] in ("t1", "big")


def test_lunch_keeps_a_free_slot_and_is_no_break():
    pr = event(2, [(1, 2), (1, 2)], 3, 1, lunch_slots=frozenset({2}), lunch_min_free=1)
    res = solve(pr, OPTS)
    assert sorted(slot_of(res).values()) == [1, 3]
    assert res.breaks == 0  # the gap is the lunch pause


def test_priorities_when_not_everything_fits():
    pr = event(3, [(1, 2), (1, 3), (2, 3)], 1, 1, allow_unscheduled=True)
    pr.meetings = [
        Meeting(1, 1, 2, priority=1),
        Meeting(2, 1, 3, priority=5),
        Meeting(3, 2, 3, priority=2),
    ]
    res = solve(pr, OPTS)
    assert [p.meeting for p in res.placements] == [2]
    assert sorted(res.unscheduled) == [1, 3]


def test_sme_minimum_share_is_guaranteed():
    # One slot, one table: only one meeting fits. The big firm's high-priority meeting would
    # win, but SME 3 is guaranteed at least 50% of its single meeting.
    people = [Participant(1), Participant(2), Participant(3, is_sme=True), Participant(4)]
    meetings = [Meeting(1, 1, 2, priority=10), Meeting(2, 3, 4, priority=1)]
    pr = Problem(people, [Slot(1)], [Table(1)], meetings, allow_unscheduled=True)
    assert [p.meeting for p in solve(pr, OPTS).placements] == [1]
    pr.sme_min_share = 0.5
    assert [p.meeting for p in solve(pr, OPTS).placements] == [2]


def test_reschedule_moves_as_few_meetings_as_possible():
    pairs = [(1, 2), (1, 3), (1, 4), (2, 3), (2, 4), (3, 4)]
    pr = event(5, pairs, 4, 3)
    first = solve(pr, OPTS)
    assert first.status == "OPTIMAL"
    # Cancel meeting 1 and add a late request between 5 and 1.
    pr.meetings = [m for m in pr.meetings if m.id != 1] + [Meeting(7, 5, 1)]
    res = reschedule(pr, first.placements, OPTS)
    old = slot_of(first)
    new = slot_of(res)
    assert 7 in new
    assert res.moved == [m for m in new if m in old and new[m] != old[m]]
    assert len(res.moved) == 0  # meeting 7 fits in the slot freed by the cancellation
    old_tables = {p.meeting: p.table for p in first.placements}
    assert all(p.table == old_tables[p.meeting] for p in res.placements if p.meeting != 7)


def test_progress_callback_reports_anytime_solutions():
    seen: list[Progress] = []
    opts = SolveOptions(time_limit=20, workers=2, progress=seen.append)
    res = solve(event(6, [(1, 2), (3, 4), (5, 6), (1, 3), (2, 5)], 4, 2), opts)
    assert res.status == "OPTIMAL"
    assert seen and seen[-1].breaks == res.breaks


def test_infeasible_explanations_name_the_culprit():
    pr = event(3, [(1, 2), (1, 3), (1, 2)], 2, 2)
    res = solve(pr, OPTS)
    assert res.status == "INFEASIBLE"
    assert any("participant 1 has 3 meetings" in r for r in res.explanation)
    pr = event(3, [(1, 2), (2, 3)], 3, 2)
    pr.meetings = [Meeting(1, 1, 2, after=(2,)), Meeting(2, 2, 3, after=(1,))]
    res = solve(pr, OPTS)
    assert any("precedence cycle" in r for r in res.explanation)
    pr.meetings = [
        Meeting(1, 1, 2, fixed_slot=1, fixed_table=1),
        Meeting(2, 3, 1, fixed_slot=2),
        Meeting(3, 2, 3, fixed_slot=1, fixed_table=1),
    ]
    res = solve(pr, OPTS)
    assert any("both fixed to table 1" in r for r in res.explanation)


def test_previous_placements_are_kept_when_nothing_changed():
    pr = event(4, [(1, 2), (3, 4), (1, 3)], 3, 2)
    prev = [Placement(1, 3, 2), Placement(2, 3, 1), Placement(3, 2, 1)]
    res = reschedule(pr, prev, OPTS)
    assert res.moved == []
    assert {(p.meeting, p.slot, p.table) for p in res.placements} == {
        (1, 3, 2),
        (2, 3, 1),
        (3, 2, 1),
    }
