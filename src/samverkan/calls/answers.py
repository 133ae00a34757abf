"""Validate an application's answers (a JSON object) against the call's question rows.

One function for the web form and the API: drafts are checked for types only, submissions
also for completeness. Numbers are kept as decimal strings so no float ever enters the data.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samverkan.calls import reference
from samverkan.calls.models import Question, QuestionKind

DEFAULT_MAX_LENGTH = {QuestionKind.TEXT: 500, QuestionKind.LONG_TEXT: 10_000}


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _clean_one(question: Question, value: Any) -> Any:
    kind = question.kind
    if kind in (QuestionKind.TEXT, QuestionKind.LONG_TEXT):
        if not isinstance(value, str):
            raise ValidationError(_("Enter text."))
        value = value.strip()
        limit = question.max_length or DEFAULT_MAX_LENGTH[kind]
        if len(value) > limit:
            raise ValidationError(
                _("At most %(limit)s characters (you wrote %(count)s).")
                % {"limit": limit, "count": len(value)}
            )
        return value
    if kind == QuestionKind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
            raise ValidationError(_("Enter a number."))
        try:
            number = Decimal(str(value).replace(" ", "").replace(",", "."))
        except InvalidOperation as exc:
            raise ValidationError(_("Enter a number.")) from exc
        if not number.is_finite():
            raise ValidationError(_("Enter a number."))
        if question.min_value is not None and number < question.min_value:
            raise ValidationError(_("At least %(min)s.") % {"min": question.min_value})
        if question.max_value is not None and number > question.max_value:
            raise ValidationError(_("At most %(max)s.") % {"max": question.max_value})
        return str(number)
    if kind == QuestionKind.CHOICE:
        if value not in question.choices:
            raise ValidationError(_("Choose one of the offered options."))
        return value
    if kind == QuestionKind.MULTIPLE_CHOICE:
        if not isinstance(value, list) or any(item not in question.choices for item in value):
            raise ValidationError(_("Choose only from the offered options."))
        return [choice for choice in question.choices if choice in value]
    if kind == QuestionKind.REGION:
        if not isinstance(value, str) or not reference.region_is_valid(value):
            raise ValidationError(_("“%(code)s” is not a NUTS region code.") % {"code": value})
        return value
    if kind == QuestionKind.SECTOR:
        if not isinstance(value, str) or not reference.sector_is_valid(value):
            raise ValidationError(_("“%(code)s” is not a NACE sector code.") % {"code": value})
        return value
    if kind == QuestionKind.FILE:
        # Files are uploaded separately (file_validate); the answer records the stored file.
        if not isinstance(value, dict) or "file_id" not in value:
            raise ValidationError(_("Upload the file through the form."))
        return value
    raise ValidationError(_("Unknown question type."))


def answers_clean(
    *, questions: Iterable[Question], answers: dict[str, Any], complete: bool
) -> dict[str, Any]:
    """Return the cleaned answers or raise ValidationError keyed by question key."""
    if not isinstance(answers, dict):
        raise ValidationError(_("Answers must be an object keyed by question."))
    questions = list(questions)
    known = {question.key for question in questions}
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(answers) - known)
    if unknown:
        errors["answers"] = [
            _("These are not questions of this call: %(keys)s.") % {"keys": ", ".join(unknown)}
        ]
    cleaned: dict[str, Any] = {}
    for question in questions:
        value = answers.get(question.key)
        if _is_empty(value):
            if complete and question.required:
                errors[question.key] = [
                    _("“%(question)s” must be answered.") % {"question": question.label}
                ]
            continue
        try:
            cleaned[question.key] = _clean_one(question, value)
        except ValidationError as error:
            errors[question.key] = [f"{question.label}: {message}" for message in error.messages]
    if errors:
        raise ValidationError(errors)
    return cleaned


def file_validate(*, question: Question, name: str, size: int) -> None:
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = [ext.lower().lstrip(".") for ext in question.allowed_extensions]
    if allowed and extension not in allowed:
        raise ValidationError(
            _("Files of type “%(ext)s” are not accepted here; use %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(allowed)}
        )
    limit = question.max_file_size_mb * 1024 * 1024
    if size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(size / 1024 / 1024, 1), "limit": question.max_file_size_mb}
        )
