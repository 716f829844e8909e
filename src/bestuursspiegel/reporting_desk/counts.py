"""Yearly figures for the integrity report the seed asks the mayor to make (seed 004, recovery step 2:
"dient over meldingen structureel gerapporteerd te worden"): counts only, never content.

Only completed years are shown, so a figure never changes after it can first be seen (a report made
today cannot be found by comparing today's figure with yesterday's). Every figure passes
`results.anonymity.count_publishable`; categories below it are folded into "other categories", and
when that remainder would itself be too small the smallest shown category is folded in too, so that
the total minus the shown figures never reveals a small number.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F

from bestuursspiegel.results.anonymity import count_publishable

from .constants import Category
from .models import Tally


@dataclass
class YearFigures:
    year: int
    total: int | None  # None: fewer than the threshold
    categories: list = field(default_factory=list)  # (label, count)
    remainder: int | None = None  # other and folded categories together (0 or publishable); None with no total


def tally_add(*, desk, day: datetime.date, category: str) -> None:
    """Called in the transaction that stores the report."""
    with transaction.atomic():
        tally, _ = Tally.objects.get_or_create(desk=desk, year=day.year, category=category)
        Tally.objects.filter(desk=desk, pk=tally.pk).update(count=F("count") + 1)


def _fold(per_category: dict[str, int]) -> tuple[list, int]:
    shown = sorted(((c, n) for c, n in per_category.items() if c and n and count_publishable(n)), key=lambda x: -x[1])
    remainder = sum(per_category.values()) - sum(n for _c, n in shown)
    while shown and not count_publishable(remainder):
        _category, count = shown.pop()  # the smallest shown goes into the remainder
        remainder += count
    return shown, remainder


def yearly_figures(desk, today: datetime.date) -> list[YearFigures]:
    per_year: dict[int, dict[str, int]] = {}
    for year, category, count in Tally.objects.filter(desk=desk).values_list("year", "category", "count"):
        per_year.setdefault(year, {})[category] = count
    figures = []
    for year in range(desk.starts_on.year, min(desk.ends_on.year, today.year - 1) + 1):
        counts = per_year.get(year, {})
        total = sum(counts.values())
        if not count_publishable(total):
            figures.append(YearFigures(year, None))
            continue
        shown, remainder = _fold(counts)
        labels = [(Category(c).label, n) for c, n in shown]
        figures.append(YearFigures(year, total, labels, remainder))  # _fold leaves it 0 or publishable
    return figures
