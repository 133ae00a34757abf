"""The operator check that every write on calls, forms, reviews and decisions starts with."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_operator(actor) -> None:
    if not (actor and actor.is_authenticated and (actor.is_operator or actor.is_superuser)):
        raise PermissionDenied(_("Only programme operators may do this."))
