"""What a release publishes, worked out from the stored answers at the moment of release.

The data is plain JSON, keyed by statement code, pattern slug and response uuid, so it survives a
backup and the removal of raw answers after the retention period. Per statement it holds the
figures of one set of submitted answers ("cell"):

    {"answers": n, "direct": d, "withheld": w,
     "counts": {"1": 3, ...} or None when hidden,
     "groups": {"council": {"counts": {...}, "direct": d}, ...} or None,
     "examples": [response uuid, ...]}

A statement revealed in a live session published the live answers of that moment. At closing it
takes in the answers added since only if they pass the gate themselves; otherwise its figures stay
those of the reveal and the added answers are counted as withheld. Every number here has passed
`anonymity.may_publish`; hidden cells keep their counts of answers, never their distribution.
"""

import math
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Q

from bestuursspiegel.questionnaires.constants import SCALE_VALUES
from bestuursspiegel.responses.models import Answer, PatternAnswer
from bestuursspiegel.responses.selectors import routes
from bestuursspiegel.responses.services import lens_patterns

from . import statistics
from .anonymity import examples_publishable, may_publish
from .groups import group_of

FORMAT = 1
PAPER = "paper"


@dataclass(frozen=True)
class Row:
    """One submitted answer as a release sees it: whose (an opaque response id), what, and by which route."""

    response: str
    value: int
    paper: bool
    group: str
    has_example: bool = False


def count(values) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for value in values:
        counts[str(value)] += 1
    return dict(sorted(counts.items()))


def _direct(rows) -> int:
    return sum(not r.paper for r in rows)


def _apart(assessment, rows: list[Row], shown: set[str]) -> bool:
    """Can a figure over `rows` be published beside a figure already shown over the responses `shown`
    (a live reveal)? Only if what is in one and not the other passes the gate, on both sides: the
    answers only one of them holds are then never fewer than k."""
    ids = {r.response for r in rows}
    only_here = [r for r in rows if r.response not in shown]
    only_there = len(shown - ids)  # live answers: all given directly
    return (not only_here or may_publish(assessment, len(only_here), _direct(only_here))) and (
        not only_there or may_publish(assessment, only_there, only_there)
    )


def _groups(assessment, rows, shown: set[str] | None = None) -> dict | None:
    """Role groups of one statement: shown only when every group with answers passes the gate on its
    own, since the groups add up to the statement and a hidden one would follow by subtraction; and,
    for a statement revealed in a live session, only when no group figure is too close to the reveal."""
    if not assessment.compare_groups:
        return None
    by_group: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_group[row.group].append(row)
    if len(by_group) < 2 or not all(may_publish(assessment, len(g), _direct(g)) for g in by_group.values()):
        return None
    if shown is not None and not all(_apart(assessment, g, shown) for g in by_group.values()):
        return None
    return {key: {"counts": count(r.value for r in g), "direct": _direct(g)} for key, g in sorted(by_group.items())}


def cell_for(assessment, rows: list[Row], *, with_groups: bool = True, shown: set[str] | None = None) -> dict:
    cell = {
        "answers": len(rows),
        "direct": _direct(rows),
        "withheld": 0,
        "counts": None,
        "groups": None,
        "examples": [],
    }
    if not may_publish(assessment, cell["answers"], cell["direct"]):
        return cell
    cell["counts"] = count(r.value for r in rows)
    if with_groups:
        cell["groups"] = _groups(assessment, rows, shown)
    if examples_publishable(assessment, cell["direct"]):
        cell["examples"] = sorted(r.response for r in rows if r.has_example)
    return cell


def _after_reveal(assessment, rows: list[Row], revealed: dict) -> tuple[dict, list[Row]]:
    """A statement shown in a live session: publish everything now only if what was added since the
    reveal passes the gate on its own; else the figures stay those the group saw.
    Returns the cell and the rows its figures rest on."""
    shown = set(revealed.get("responses", []))
    added = [r for r in rows if r.response not in shown]
    if not shown <= {r.response for r in rows}:
        # A revealed answer is missing now (never expected): repeat the reveal's own figures.
        cell = {key: revealed[key] for key in ("answers", "direct", "counts")}
        return cell | {"withheld": len(added), "groups": None, "examples": []}, []
    if not added or may_publish(assessment, len(added), _direct(added)):
        return cell_for(assessment, rows, shown=shown), rows
    kept = [r for r in rows if r.response in shown]
    return cell_for(assessment, kept, shown=shown) | {"withheld": len(added)}, kept


def _rows_by_item(assessment) -> dict[int, list[Row]]:
    has_example = ExpressionWrapper(~Q(example=""), output_field=BooleanField())
    answers = (
        Answer.objects.filter(response__assessment=assessment, response__submitted_on__isnull=False)
        .annotate(has_example=has_example)
        .values_list("item_id", "response_id", "value", "response__source", "response__role", "has_example")
    )
    rows: dict[int, list[Row]] = defaultdict(list)
    for item_id, response_id, value, source, role, example in answers:
        rows[item_id].append(Row(str(response_id), value, source == PAPER, group_of(role), bool(example)))
    return rows


def _alpha(published: dict[int, list[Row]]) -> float | None:
    """Krippendorff's alpha over exactly the answers the visible statements publish."""
    if not published:
        return None
    people = sorted({r.response for rows in published.values() for r in rows})
    by_item = {item_id: {r.response: r.value for r in rows} for item_id, rows in published.items()}
    matrix = [
        [answers.get(person) if answers.get(person) in SCALE_VALUES else math.nan for answers in by_item.values()]
        for person in people
    ]
    return statistics.group_alpha(matrix)


def _patterns(assessment) -> dict:
    if not assessment.include_patterns:
        return {}
    rows = (
        PatternAnswer.objects.filter(response__assessment=assessment, response__submitted_on__isnull=False)
        .values_list("pattern_id", "value", "response__source")
        .order_by()
    )
    by_pattern: dict[int, list[Row]] = defaultdict(list)
    for pattern_id, value, source in rows:
        by_pattern[pattern_id].append(Row("", value, source == PAPER, ""))
    return {
        p.slug: cell_for(assessment, by_pattern.get(p.pk, []), with_groups=False) for p in lens_patterns(assessment)
    }


def release_data(assessment) -> dict:
    """The figures a release of this meting publishes now."""
    items = list(assessment.questionnaire.items.order_by("number"))
    rows = _rows_by_item(assessment)
    revealed = {
        r.item_id: r.data
        for r in assessment.releases.filter(kind="reveal")
        if r.data.get("counts") is not None  # a reveal below the threshold published nothing
    }
    cells, published = {}, {}
    for item in items:
        item_rows = rows.get(item.id, [])
        if item.id in revealed:
            cell, used = _after_reveal(assessment, item_rows, revealed[item.id])
        else:
            cell, used = cell_for(assessment, item_rows), item_rows
        cells[item.code] = cell
        if cell["counts"] is not None and used:
            published[item.id] = used
    by_route = routes(assessment)
    return {
        "format": FORMAT,
        "submitted": sum(by_route.values()),
        "routes": by_route,
        "items": cells,
        "alpha": _alpha(published),
        "patterns": _patterns(assessment),
    }


def reveal_data(assessment, item) -> dict:
    """A live session's answers to one statement, submitted or not, as the group sees them now.
    The response ids of a shown figure are kept, so that closing can tell what was added since."""
    answers = Answer.objects.filter(response__assessment=assessment, response__source="live", item=item)
    rows = [
        Row(str(response_id), value, False, "") for response_id, value in answers.values_list("response_id", "value")
    ]
    cell = cell_for(assessment, rows, with_groups=False)
    cell["responses"] = sorted(r.response for r in rows) if cell["counts"] is not None else []
    return cell
