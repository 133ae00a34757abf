"""Who may do what with visits (django-rules predicates).

Booking is public. Operators (programme staff) review, plan and report requests. Members of
an invited host organisation see and answer their own invitations.
"""

from __future__ import annotations

import rules

from samverkan.accounts.rules import is_operator


@rules.predicate
def is_host_member(user, host) -> bool:
    if not user.is_authenticated or host is None:
        return False
    return host.organisation.memberships.filter(user=user).exists()


rules.add_perm("visits.book", rules.always_allow)
rules.add_perm("visits.view_status", rules.always_allow)  # guarded by the secret link
rules.add_perm("visits.view_request_list", is_operator)
rules.add_perm("visits.view_request", is_operator)
rules.add_perm("visits.change_request", is_operator)
rules.add_perm("visits.manage_hosts", is_operator)
rules.add_perm("visits.manage_itinerary", is_operator)
rules.add_perm("visits.record_results", is_operator)
rules.add_perm("visits.register_delegation", is_operator)
rules.add_perm("visits.view_statistics", is_operator)
rules.add_perm("visits.manage_booking_pages", is_operator)
rules.add_perm("visits.view_host_invitations", rules.is_authenticated)
rules.add_perm("visits.respond_host_invitation", is_host_member | is_operator)
