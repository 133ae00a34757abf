"""Who may see and change programmes, projects, indicators and surveys."""

from __future__ import annotations

import rules

from samverkan.accounts.rules import is_operator


@rules.predicate
def is_programme_partner_member(user, obj) -> bool:
    """A member of an organisation that is a partner in the project (or any project of the
    programme) `obj`."""
    if not user.is_authenticated or obj is None:
        return False
    from samverkan.programmes.models import Partner, Programme, Project

    partners = Partner.objects.filter(organisation__memberships__user=user)
    if isinstance(obj, Project):
        return partners.filter(project=obj).exists()
    if isinstance(obj, Programme):
        return partners.filter(project__programme=obj).exists()
    return False


@rules.predicate
def has_published_results(user, programme) -> bool:
    return bool(programme is not None and getattr(programme, "results_published", False))


# Programmes and funded projects are public facts (beneficiary lists are published by law).
rules.add_perm("programmes.list_programmes", rules.always_allow)
rules.add_perm("programmes.view_programme", rules.always_allow)
rules.add_perm("programmes.list_projects", rules.always_allow)
rules.add_perm("programmes.view_project", rules.always_allow)
rules.add_perm("programmes.view_public_results", has_published_results | is_operator)
# Dashboards, drill-down records and reports: staff and the partners' own members.
rules.add_perm("programmes.view_dashboard", is_operator | is_programme_partner_member)
rules.add_perm("programmes.export_report", is_operator | is_programme_partner_member)
# Changing anything: the programme operator.
rules.add_perm("programmes.manage", is_operator)
rules.add_perm("programmes.manage_rates", is_operator)
rules.add_perm("programmes.import_projects", is_operator)
rules.add_perm("programmes.manage_surveys", is_operator)
# Answering a survey needs only its unique link.
rules.add_perm("programmes.answer_survey", rules.always_allow)
