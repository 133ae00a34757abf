"""RFC 9457 problem details for every API error."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_BASE = "https://samverkan.readthedocs.io/problems/"


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str = ""
    errors: list[FieldError] = []


def problem_response(
    request: HttpRequest,
    *,
    status: int,
    slug: str,
    title: str,
    detail: str = "",
    errors: list[dict[str, str]] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    return JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)


def _location(loc: list | tuple) -> str:
    # Ninja prefixes locations with the parameter source and its model name; keep the field path.
    parts = [str(part) for part in loc]
    if parts and parts[0] in {"body", "query", "path", "form", "header", "cookie", "file"}:
        source = parts[0]
        rest = parts[2:] if len(parts) > 2 else parts[1:]
        return ".".join([source, *rest]) if rest else source
    return ".".join(parts)


def install_problem_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        errors = [
            {"field": _location(error.get("loc", [])), "message": error.get("msg", "")}
            for error in exc.errors
        ]
        return problem_response(
            request,
            status=422,
            slug="validation-error",
            title="The request is not valid.",
            detail="See `errors` for each field.",
            errors=errors,
        )

    @api.exception_handler(DjangoValidationError)
    def model_validation_error(request, exc: DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors = [
                {"field": f"body.{field}" if field != "__all__" else "body", "message": message}
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"field": "body", "message": message} for message in exc.messages]
        return problem_response(
            request,
            status=422,
            slug="validation-error",
            title="The request is not valid.",
            detail=" ".join(error["message"] for error in errors),
            errors=errors,
        )

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        response = problem_response(
            request,
            status=401,
            slug="not-authenticated",
            title="Authentication required.",
            detail="Send a valid personal API token as 'Authorization: Bearer <token>' or sign in.",
        )
        response["WWW-Authenticate"] = 'Bearer realm="samverkan"'
        return response

    @api.exception_handler(AuthorizationError)
    def authorization_error(request, exc):
        return problem_response(
            request, status=403, slug="forbidden", title="You may not do this.", detail=str(exc)
        )

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        return problem_response(
            request,
            status=403,
            slug="forbidden",
            title="You may not do this.",
            detail=str(exc) or "Your account lacks the permission this operation needs.",
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem_response(
            request, status=404, slug="not-found", title="Not found.", detail=str(exc)
        )

    @api.exception_handler(ObjectDoesNotExist)
    def object_not_found(request, exc):
        return problem_response(request, status=404, slug="not-found", title="Not found.")

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return problem_response(
            request,
            status=413,
            slug="payload-too-large",
            title="The request body is too large.",
            detail=str(exc),
        )

    @api.exception_handler(OverflowError)
    def out_of_range(request, exc):
        # An id or number too large for the database (SQLite and PostgreSQL use 64 bits).
        return problem_response(
            request,
            status=422,
            slug="validation-error",
            title="The request is not valid.",
            detail="A number in the request is out of range.",
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        slug = {400: "bad-request", 429: "too-many-requests"}.get(exc.status_code, "error")
        if exc.status_code == 400 and isinstance(exc.__cause__, RequestDataTooBig):
            return too_big(request, exc.__cause__)
        title = "The request could not be read." if exc.status_code == 400 else str(exc)
        return problem_response(
            request, status=exc.status_code, slug=slug, title=title, detail=str(exc)
        )
