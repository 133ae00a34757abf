"""Pagination for catalogue lists: the total is counted up to a cap.

Counting every match of a broad search in 100,000 profiles costs more than the page itself;
above `COUNT_CAP` the list says "more than 1,000" and offers the first 1,000 (40 pages),
which is more than anyone pages through: they refine the search instead.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CatalogPaginator(Paginator):
    count_cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        found = self.object_list.order_by().values("pk")[: self.count_cap + 1].count()
        self.count_capped = found > self.count_cap
        return min(found, self.count_cap)

    count_capped = False
