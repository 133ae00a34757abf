"""Who may see and change catalogue entries (django-rules predicates)."""

from __future__ import annotations

import rules

from samverkan.accounts.rules import is_operator, is_organisation_manager, is_organisation_member
from samverkan.catalog.models import Visibility


@rules.predicate
def can_see_profile(user, organisation) -> bool:
    if organisation is None or organisation.visibility == Visibility.PUBLIC:
        return True
    if organisation.visibility == Visibility.MEMBERS:
        return bool(user.is_authenticated)
    return False


rules.add_perm("catalog.list_organisations", rules.always_allow)
rules.add_perm("catalog.view_organisation", can_see_profile | is_organisation_member | is_operator)
rules.add_perm("catalog.change_organisation", is_organisation_manager | is_operator)
rules.add_perm("catalog.add_organisation", is_operator)
# People who have not consented to be listed are seen only by their organisation and operators.
rules.add_perm("catalog.view_people", is_organisation_member | is_operator)
rules.add_perm("catalog.change_people", is_organisation_manager | is_operator)
rules.add_perm("catalog.view_history", is_operator)
rules.add_perm("catalog.invite_claim", is_operator)
rules.add_perm("catalog.import_organisations", is_operator)
rules.add_perm("catalog.export_organisations", is_operator)
rules.add_perm("catalog.manage_catalogues", is_operator)
rules.add_perm("catalog.view_public_catalogue", rules.always_allow)
