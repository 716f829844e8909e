"""Reads for the knowledge pages: published content only, private dilemmas only for their organisation."""

import re

from django.db.models import Q, QuerySet

from bestuursspiegel.organisations.services import organisations_for_user

from . import models
from .search import search


def ladder():
    """Levels in ladder order, each with its published instruments alphabetically."""
    levels = list(models.LadderLevel.objects.published().order_by("order"))
    instruments = models.Instrument.objects.published().select_related("level").order_by("title")
    by_level = {level.pk: [] for level in levels}
    for instrument in instruments:
        by_level.setdefault(instrument.level_id, []).append(instrument)
    return [(level, by_level[level.pk]) for level in levels]


def dilemmas_for(user) -> QuerySet:
    """Shared dilemmas, plus the private ones of the user's organisations."""
    visible = Q(organisation__isnull=True)
    if user.is_authenticated:
        visible |= Q(organisation__in=organisations_for_user(user))
    return models.Dilemma.objects.published().filter(visible).select_related("organisation")


def _values(offers, attribute: str) -> list[str]:
    found = set()
    for offer in offers:
        value = getattr(offer, attribute)
        found.update(value if isinstance(value, list) else [value])
    return sorted(v for v in found if v)


UNKNOWN_YEAR = "onbekend"


def years_of(text: str) -> set[str]:
    """The years a catalogue entry's free text names: "Publicatie in zomer 2020" → {"2020"},
    "2019-2022" → 2019 up to 2022; "?", "Doorlopend" or nothing → none."""
    found = set()
    for start, end in re.findall(r"\b((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?\b", text or ""):
        found.update(str(year) for year in range(int(start), int(end or start) + 1))
    return found


def catalogue_options(offers) -> dict[str, list[str]]:
    years = sorted(set().union(*(years_of(o.year) for o in offers)))
    return {
        "theme": _values(offers, "theme"),
        "target": _values(offers, "target_groups"),
        "provider": _values(offers, "providers"),
        "type": _values(offers, "support_type"),
        "year": years + ([UNKNOWN_YEAR] if any(not years_of(o.year) for o in offers) else []),
    }


def catalogue(
    *,
    query: str = "",
    theme: str = "",
    target: str = "",
    provider: str = "",
    support_type: str = "",
    status: str = "",
    year: str = "",
) -> list:
    """Support offers filtered on each given value; with a query, in order of relevance."""
    offers = list(models.SupportOffer.objects.published().order_by("title"))
    if query:
        ranked = [hit.object_id for hit in search(query, kinds=("supportoffer",), limit=500)]
        position = {pk: i for i, pk in enumerate(ranked)}
        offers = sorted((o for o in offers if o.pk in position), key=lambda o: position[o.pk])
    checks = [
        (theme, lambda o: o.theme == theme),
        (target, lambda o: target in o.target_groups),
        (provider, lambda o: provider in o.providers),
        (support_type, lambda o: o.support_type == support_type),
        (status, lambda o: o.offer_status == status),
        (year, lambda o: year in years_of(o.year) if year != UNKNOWN_YEAR else not years_of(o.year)),
    ]
    for value, keep in checks:
        if value:
            offers = [o for o in offers if keep(o)]
    return offers
