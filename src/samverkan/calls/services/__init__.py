"""Writes of the calls app, grouped by subject; import from here."""

from samverkan.calls.services.access import require_operator
from samverkan.calls.services.applications import (
    application_create,
    application_file_attach,
    application_save,
    application_submit,
    application_transition,
    applications_transition_all,
    format_deadline,
    is_applicant,
)
from samverkan.calls.services.assessment import (
    assignment_create,
    assignment_remove,
    assignments_auto,
    conflict_declare,
    conflict_reasons,
    consultation_note_add,
    review_save,
    reviewer_add,
)
from samverkan.calls.services.calls import (
    call_attachment_add,
    call_close,
    call_create,
    call_publish,
    call_translation_set,
    call_update,
)
from samverkan.calls.services.decisions import (
    cohort_create,
    cohort_member_add,
    decision_letters_send,
    decision_make,
    decisions_make_many,
    follow_up_call_create,
    offering_add,
)
from samverkan.calls.services.questions import (
    question_create,
    question_delete,
    question_move,
    question_update,
)
from samverkan.calls.services.rubric import criterion_create, criterion_delete

__all__ = [
    "application_create",
    "application_file_attach",
    "application_save",
    "application_submit",
    "application_transition",
    "applications_transition_all",
    "assignment_create",
    "assignment_remove",
    "assignments_auto",
    "call_attachment_add",
    "call_close",
    "call_create",
    "call_publish",
    "call_translation_set",
    "call_update",
    "cohort_create",
    "cohort_member_add",
    "conflict_declare",
    "conflict_reasons",
    "consultation_note_add",
    "criterion_create",
    "criterion_delete",
    "decision_letters_send",
    "decision_make",
    "decisions_make_many",
    "follow_up_call_create",
    "format_deadline",
    "is_applicant",
    "offering_add",
    "question_create",
    "question_delete",
    "question_move",
    "question_update",
    "require_operator",
    "review_save",
    "reviewer_add",
]
