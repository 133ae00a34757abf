"""What programmes gives the apps upstream of it through their extension points.

Registered in `ProgrammesConfig.ready()`; calls and matching never import programmes.

* calls (`calls.related.register_related_organisations`): a user is related to every
  organisation that is a partner in a project where one of the user's organisations is a
  partner too, so a reviewer cannot assess an applicant they share a project with;
* matching (`matching.adapters.register_past_projects_provider`): each organisation's project
  partnerships as `PastProject`s, so past co-participation informs partner suggestions.
"""

from __future__ import annotations

from samverkan.core.matching.model import PastProject


def project_partner_organisation_ids(user) -> list[int]:
    """Organisations sharing a project partnership with any organisation of `user`."""
    from samverkan.accounts.models import Membership
    from samverkan.programmes.models import Partner

    if user is None or not getattr(user, "is_authenticated", False):
        return []
    own = Membership.objects.filter(user=user).values("organisation_id")
    projects = Partner.objects.filter(organisation_id__in=own).values("project_id")
    return list(
        Partner.objects.filter(project_id__in=projects)
        .exclude(organisation_id__in=own)
        .values_list("organisation_id", flat=True)
        .distinct()
    )


def past_projects(organisation_ids: list[int]) -> dict[int, list[PastProject]]:
    """{organisation id: its project partnerships} in one query."""
    from samverkan.programmes.models import Partner

    history: dict[int, list[PastProject]] = {}
    rows = (
        Partner.objects.filter(organisation_id__in=organisation_ids)
        .select_related("project__programme", "project__priority")
        .order_by("project__start_date", "pk")
    )
    for row in rows:
        project = row.project
        history.setdefault(row.organisation_id, []).append(
            PastProject(
                id=f"programmes.project:{project.pk}",
                name=project.name,
                programme=project.programme.name,
                objective=project.priority.code if project.priority else "",
                role=row.role,
                start=project.start_date.isoformat(),
            )
        )
    return history


def register() -> None:
    from samverkan.calls.related import register_related_organisations
    from samverkan.matching.adapters import register_past_projects_provider

    register_related_organisations(project_partner_organisation_ids)
    register_past_projects_provider(past_projects)
