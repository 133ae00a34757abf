"""'My data': download everything samverkan holds about me, or erase it."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.common.permissions import permission_required
from samverkan.privacy import services
from samverkan.privacy.forms import ErasureConfirmForm


@permission_required("privacy.export_own_data")
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/my_data.html", {"form": ErasureConfirmForm(user=request.user)})


@require_POST
@permission_required("privacy.export_own_data")
def export(request: HttpRequest) -> HttpResponse:
    data = services.personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="samverkan-my-data.json"'
    return response


@require_POST
@permission_required("privacy.erase_own_data")
def erase(request: HttpRequest) -> HttpResponse:
    form = ErasureConfirmForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "privacy/my_data.html", {"form": form}, status=400)
    user = request.user
    logout(request)
    services.personal_data_erase(user=user, actor=user)
    messages.success(request, _("Your account and personal data have been erased."))
    return redirect("web:home")
