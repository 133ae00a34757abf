"""Every view and API operation declares the permission it needs (issue 3)."""

from django.urls import URLPattern, URLResolver, get_resolver

from samverkan.api.api import api

# Views that come from Django or libraries and carry their own access rules.
THIRD_PARTY_PREFIXES = ("django.", "ninja.")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def _declared(callback) -> bool:
    view = getattr(callback, "view_class", callback)
    return hasattr(callback, "required_permission") or hasattr(view, "required_permission")


def test_every_project_view_declares_a_permission():
    missing = []
    for route, callback in _walk(get_resolver().url_patterns):
        module = getattr(callback, "__module__", "")
        if route.startswith(("admin/", "api/v1/")) or module.startswith(THIRD_PARTY_PREFIXES):
            continue
        if not _declared(callback):
            missing.append(f"{route} → {module}.{getattr(callback, '__name__', callback)}")
    assert missing == []


def test_every_api_operation_declares_a_permission():
    missing = []
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if not hasattr(operation.view_func, "required_permission"):
                    missing.append(f"{operation.methods} {path} {operation.view_func.__name__}")
    assert missing == []
