"""Response headers Django's SecurityMiddleware does not set."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class RejectNullCharactersMiddleware:
    """Refuse NUL characters in the URL, query or JSON body with a clear 400.

    No field of samverkan may contain them, and PostgreSQL cannot store them in text: without
    this, a stray %00 reaches a query and becomes a server error instead of a client error.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_null(request):
            detail = "The request contains a NUL character, which no field accepts."
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "type": "https://samverkan.readthedocs.io/problems/bad-request",
                        "title": "The request could not be read.",
                        "status": 400,
                        "detail": detail,
                        "instance": request.path,
                    },
                    status=400,
                    content_type="application/problem+json",
                )
            return HttpResponse(detail, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _has_null(request: HttpRequest) -> bool:
        if "\x00" in request.path:
            return True
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
        if request.content_type == "application/json":
            try:
                body = request.body
            except RequestDataTooBig:
                return False  # the view answers 413
            return b"\x00" in body or b"\\u0000" in body
        return False
