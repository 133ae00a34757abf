"""The one pagination class every list endpoint uses (`items`, `count`)."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 200


class Pagination(PageNumberPagination):
    """Page numbers bounded so the database offset can never overflow (SQLite: 2**63)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)
