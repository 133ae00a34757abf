"""Navigation shared by every page. Apps add entries by listing them in NAVIGATION."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (url name, label, permission or None). Entries whose URL does not exist yet are skipped,
# so apps can be added one by one.
NAVIGATION = [
    ("catalog:organisation-list", _("Catalogue"), None),
    ("matching:home", _("Matchmaking"), "matching.use_matching"),
    ("events:event-list", _("Events"), None),
    ("visits:request-list", _("Visits"), "visits.view_request_list"),
    ("programmes:programme-list", _("Programmes"), None),
    ("calls:call-list", _("Calls"), None),
    ("web:audit-log", _("Audit log"), "accounts.view_audit_log"),
]


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    for name, label, perm in NAVIGATION:
        if perm and not (user and user.has_perm(perm)):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": request.path.startswith(url)})
    return {"nav_items": items, "available_languages": settings.LANGUAGES}
