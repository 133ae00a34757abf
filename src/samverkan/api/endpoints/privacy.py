"""The signed-in person's own data: export (GDPR art. 15/20)."""

from ninja import Router

from samverkan.common.permissions import api_permission
from samverkan.privacy import services

prefix = "/me/data"
router = Router(tags=["privacy"])


@router.get("", summary="Everything samverkan holds about me, grouped by module")
@api_permission("privacy.export_own_data")
def my_data(request) -> dict:
    return services.personal_data_export(user=request.user)
