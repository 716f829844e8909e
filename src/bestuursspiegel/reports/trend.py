"""Movement across repeated metingen: per statement and on the landkaart, oldest first."""

from dataclasses import dataclass

from bestuursspiegel.results.aggregation import results_for_assessment

MAX_CHAIN = 20


@dataclass(frozen=True)
class Trend:
    assessments: list
    rows: list  # (item, [ItemResult per assessment])
    landkaart: list  # (section title, [stage title or None per assessment])


def chain(assessment) -> list:
    """This meting and the ones it follows up, oldest first."""
    found = []
    current = assessment
    while current is not None and len(found) < MAX_CHAIN:
        found.append(current)
        current = current.previous
    return list(reversed(found))


def trend_for(assessment) -> Trend:
    assessments = chain(assessment)
    results = [results_for_assessment(a) for a in assessments]  # every figure through the same gate
    items = assessment.questionnaire.items.order_by("number")
    rows = []
    for item in items:
        per_assessment = []
        for result in results:
            per_assessment.append(next((r for r in result.items if r.item.code == item.code), None))
        rows.append((item, per_assessment))
    positions = {}
    for index, a in enumerate(assessments):
        for position in a.landkaart.select_related("section", "stage"):
            positions.setdefault(position.section.title, [None] * len(assessments))[index] = position.stage.title
    return Trend(assessments=assessments, rows=rows, landkaart=sorted(positions.items()))
