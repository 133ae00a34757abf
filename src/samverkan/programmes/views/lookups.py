"""Object getters for the permission decorators (they receive the view's arguments)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from samverkan.programmes.models import IndicatorEntry, Programme, Project, SurveyResponse


def programme_by_slug(request, slug: str, **kwargs) -> Programme:
    return get_object_or_404(Programme, slug=slug)


def project_by_slug(request, slug: str, **kwargs) -> Project:
    return get_object_or_404(Project.objects.select_related("programme"), slug=slug)


def entry_programme(request, pk: int) -> Programme:
    return get_object_or_404(
        IndicatorEntry.objects.select_related("indicator"), pk=pk
    ).indicator.programme


def response_project(request, pk: int) -> Project:
    return get_object_or_404(
        SurveyResponse.objects.select_related("invitation__project"), pk=pk
    ).invitation.project
