"""Who takes part and how answers came in: shown to respondents and in the report.

A facilitator who wanted to push a group over the threshold with answers of their own would have
to invite extra names, type in paper forms or join the live session several times. Respondents
see all of that: the invited names, how the links went out, and how many answers came by which
route. These are counts of people, never answers.
"""

from dataclasses import dataclass

from django.db.models import Count

from .models import Response

ROUTES = ("online", "live", "paper")


def routes(assessment) -> dict[str, int]:
    """Submitted responses per route: by personal link, in the live session, on paper."""
    submitted = Response.objects.filter(assessment=assessment, submitted_on__isnull=False)
    found = dict(submitted.values_list("source").annotate(n=Count("id")).order_by())
    return {source: found.get(source, 0) for source in ROUTES}


@dataclass(frozen=True)
class Participation:
    invited: list  # participants invited by name (not paper forms, not anonymous live joiners)
    paper_forms: int
    live_joined: int
    emailed: int  # links e-mailed by the product: nobody saw them
    shown: int  # links the facilitator saw, to pass on by hand
    routes: dict[str, int]

    @property
    def submitted(self) -> int:
        return sum(self.routes.values())


def participation_overview(assessment) -> Participation:
    participants = list(assessment.participants.order_by("name", "id"))
    named = [p for p in participants if not p.on_paper and not (p.joined_live and assessment.is_anonymous)]
    return Participation(
        invited=named,
        paper_forms=sum(p.on_paper for p in participants),
        live_joined=sum(p.joined_live for p in participants),
        emailed=sum(p.link_sent_at is not None and p.link_shown_at is None for p in named),
        shown=sum(p.link_shown_at is not None for p in named),
        routes=routes(assessment),
    )
