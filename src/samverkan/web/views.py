"""The web shell: home, dashboard, audit log."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from samverkan.accounts import selectors as account_selectors
from samverkan.common import selectors as common_selectors
from samverkan.common.permissions import permission_required, public


@public
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:dashboard")
    return render(request, "web/home.html")


@permission_required("accounts.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = account_selectors.membership_list_for_user(user=request.user)
    return render(request, "web/dashboard.html", {"memberships": memberships})


@login_required  # a visitor who is not signed in is sent to log in, not shown a 403
@permission_required("accounts.view_audit_log", raise_exception=True)
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = common_selectors.audit_log_list(
        action=request.GET.get("action", "").strip(),
        actor_query=request.GET.get("actor", "").strip(),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "web/audit_log.html", {"page": page, "params": request.GET})
