"""The REST API at /api/v1/ (django-ninja, OpenAPI at /api/v1/openapi.json).

Endpoint modules live in `samverkan.api.endpoints`; each defines `router` and `prefix` and is
mounted here automatically, so apps add endpoints without editing this file.
"""

from __future__ import annotations

import importlib
import pkgutil

from ninja import NinjaAPI

from samverkan.api import endpoints
from samverkan.api.auth import AUTH
from samverkan.api.problems import install_problem_handlers

api = NinjaAPI(
    title="samverkan API",
    version="1",
    description=(
        "REST API of samverkan. Authenticate with a personal API token "
        "(`Authorization: Bearer svk_…`, created under Account → API tokens or with "
        "`samverkan api-token --user EMAIL`) or with the browser session plus the CSRF token. "
        "Errors are RFC 9457 problem details (`application/problem+json`). Lists are paginated "
        "with `page` and `page_size` and return `items` and `count`."
    ),
    auth=AUTH,
    urls_namespace="api",
)
install_problem_handlers(api)

for module_info in sorted(pkgutil.iter_modules(endpoints.__path__), key=lambda m: m.name):
    module = importlib.import_module(f"{endpoints.__name__}.{module_info.name}")
    api.add_router(module.prefix, module.router)
