"""Root URLs. Each app owns its own urls module; the API lives under /api/v1/."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve as serve_media

from samverkan.api.api import api
from samverkan.common.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("samverkan.accounts.urls")),
    path("catalogue/", include("samverkan.catalog.urls")),
    path("matching/", include("samverkan.matching.urls")),
    path("programmes/", include("samverkan.programmes.urls")),
    path("events/", include("samverkan.events.urls")),
    path("visits/", include("samverkan.visits.urls")),
    path("calls/", include("samverkan.calls.urls")),
    path("privacy/", include("samverkan.privacy.urls")),
    path("", include("samverkan.web.urls")),
]

if settings.DEBUG:
    # Uploaded logos in development; production puts a web server or object store in front.
    urlpatterns += [
        path("media/<path:path>", serve_media, {"document_root": settings.MEDIA_ROOT}),
    ]
