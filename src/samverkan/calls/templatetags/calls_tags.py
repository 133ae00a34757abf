"""Show an application's answer the way its question type needs."""

from __future__ import annotations

from django import template

from samverkan.calls import reference

register = template.Library()


@register.filter
def answer_display(value, question) -> str:
    if value in (None, "", []):
        return "—"
    kind = question.kind
    if kind == "multiple_choice":
        return ", ".join(value)
    if kind == "file" and isinstance(value, dict):
        return f"{value.get('name', '')} ({round(value.get('size', 0) / 1024)} kB)"
    if kind == "region":
        return reference.region_label(value)
    if kind == "sector":
        return reference.sector_label(value)
    return str(value)
