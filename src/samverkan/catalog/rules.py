"""Who may see and change catalogue entries."""

from __future__ import annotations

import rules

from samverkan.accounts.rules import is_operator, is_organisation_manager

rules.add_perm("catalog.view_organisation", rules.always_allow)
rules.add_perm("catalog.list_organisations", rules.always_allow)
rules.add_perm("catalog.change_organisation", is_organisation_manager | is_operator)
rules.add_perm("catalog.add_organisation", is_operator)
