"""Every view and API endpoint declares the permission it needs.

`permission_required` wraps django-rules' decorator and records the permission on the view,
so a test can walk all URLs and endpoints and find any that declares nothing. `public`
declares deliberately open views (login page, public catalogue, health check).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from rules.contrib.views import permission_required as rules_permission_required

PUBLIC = "public"


def permission_required(perm: str, fn: Callable | None = None, **kwargs: Any) -> Callable:
    kwargs.setdefault("raise_exception", False)

    def decorator(view: Callable) -> Callable:
        wrapped = rules_permission_required(perm, fn=fn, **kwargs)(view)
        wrapped.required_permission = perm
        return wrapped

    return decorator


def public(view: Callable) -> Callable:
    view.required_permission = PUBLIC
    return view


def api_permission(perm: str, obj_getter: Callable[..., Any] | None = None) -> Callable:
    """For django-ninja operations: check `perm` (on the object `obj_getter` returns)."""

    def decorator(func: Callable) -> Callable:
        @wraps(func)
        def inner(request, *args, **kwargs):
            obj = obj_getter(request, **kwargs) if obj_getter else None
            if not request.user.has_perm(perm, obj):
                raise PermissionDenied
            return func(request, *args, **kwargs)

        inner.required_permission = perm
        return inner

    return decorator


def api_public(func: Callable) -> Callable:
    func.required_permission = PUBLIC
    return func
