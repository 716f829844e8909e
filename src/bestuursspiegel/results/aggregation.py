"""Results of a meting as every page, export, report, live screen and the trend show them.

An anonymous meting shows what its final release holds (made at closing, see `results.services`)
and, before that, only counts of people: figures that moved with every submission would let anyone
who looks twice work out the answers of whoever submitted in between. Open comparison, which the
group chose beforehand, shows the submitted answers as they are. Either way the figures come from
release cells (`results.release`) and pass `anonymity.may_publish` again here: one function decides.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from bestuursspiegel.assessments.constants import Mode
from bestuursspiegel.assessments.models import Assessment, Participant
from bestuursspiegel.questionnaires.constants import SCALE_VALUES, AnswerValue
from bestuursspiegel.responses.constants import PatternValue
from bestuursspiegel.responses.models import Answer, Response
from bestuursspiegel.responses.selectors import routes
from bestuursspiegel.responses.services import lens_patterns
from bestuursspiegel.utils.crypto import decrypt_text

from . import statistics
from .anonymity import effective_threshold, example_threshold, examples_publishable, may_publish
from .groups import GROUPS
from .models import Release
from .release import release_data

ALL_VALUES = [*SCALE_VALUES, AnswerValue.DONT_KNOW.value]


@dataclass(frozen=True)
class Distribution:
    """How often each answer was given; `0` is "don't know / not applicable"."""

    counts: dict[int, int]

    @property
    def respondents(self) -> int:
        return sum(self.counts.values())

    @property
    def substantive(self) -> int:
        return sum(self.counts.get(v, 0) for v in SCALE_VALUES)

    def share(self, value: int) -> float:
        """Share of `value` among the substantive answers (0–1); 'don't know' among all."""
        total = self.respondents if value == AnswerValue.DONT_KNOW else self.substantive
        return self.counts.get(value, 0) / total if total else 0.0

    def rows(self):
        return [(value, AnswerValue(value).label, self.counts.get(value, 0), self.share(value)) for value in ALL_VALUES]


@dataclass(frozen=True)
class ItemResult:
    item: object
    acceptable: list[int]
    is_serious: bool
    respondents: int  # answers the figure rests on (or would, when hidden)
    visible: bool
    distribution: Distribution | None = None
    spread: statistics.Spread | None = None
    acceptable_share: float | None = None
    meets_norm: bool | None = None
    flags: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    example_count: int = 0  # all the release shows; `examples` may hold only the first few
    direct: int = 0  # of `respondents`, given by the respondents themselves (not paper forms)
    withheld: int = 0  # answers added after a live reveal that were too few to publish


@dataclass(frozen=True)
class GroupCell:
    median: float | None
    answers: int


@dataclass(frozen=True)
class GroupComparison:
    """Role groups per statement, only for statements where every group with answers passes the gate."""

    groups: list[tuple[str, str]]  # (key, label) of the groups that appear
    rows: dict[int, dict[str, GroupCell]]  # item id -> group key -> cell

    @property
    def visible(self) -> bool:
        return bool(self.rows)


@dataclass(frozen=True)
class PatternResult:
    pattern: object
    respondents: int
    visible: bool
    counts: dict[int, int] = field(default_factory=dict)

    def rows(self):
        return [(v, PatternValue(v).label, self.counts.get(v, 0)) for v in (1, 2, 3, 0)]


@dataclass(frozen=True)
class AssessmentResults:
    assessment: object
    threshold: int
    participant_count: int
    started_count: int
    submitted_count: int
    routes: dict[str, int]  # submitted responses per route: online, live, paper
    released: bool  # figures are published: the meting was closed, or compares openly
    visible: bool  # at least one statement shows figures
    overall: Distribution | None
    items: list[ItemResult]
    alpha: float | None = None
    groups: GroupComparison | None = None
    patterns: list[PatternResult] = field(default_factory=list)
    release: Release | None = None
    example_threshold: int = 0

    @property
    def response_rate(self) -> float | None:
        return self.submitted_count / self.participant_count if self.participant_count else None

    @property
    def in_progress_count(self) -> int:
        return self.started_count - self.submitted_count

    @property
    def outside_norm(self) -> list[ItemResult]:
        return [r for r in self.items if r.meets_norm is False]

    @property
    def within_norm(self) -> list[ItemResult]:
        return [r for r in self.items if r.meets_norm is True]

    @property
    def hidden_count(self) -> int:
        return sum(not r.visible for r in self.items)


def _distribution(counts: dict | None) -> Distribution:
    return Distribution(counts={int(value): n for value, n in (counts or {}).items()})


def _shown(assessment, cell: dict | None) -> bool:
    """The gate, asked again for a stored cell: a figure is shown only if its answers may be."""
    return bool(cell) and cell.get("counts") is not None and may_publish(assessment, cell["answers"], cell["direct"])


def item_result(assessment, item, norm, cell: dict | None, examples: list[str] = ()) -> ItemResult:
    cell = cell or {"answers": 0, "direct": 0, "counts": None}
    acceptable = sorted(norm.acceptable_values) if norm else []
    serious = bool(norm and norm.is_serious)
    common = {
        "item": item,
        "acceptable": acceptable,
        "is_serious": serious,
        "respondents": cell["answers"],
        "direct": cell["direct"],
        "withheld": cell.get("withheld", 0),
    }
    if not _shown(assessment, cell):
        return ItemResult(visible=False, **common)
    distribution = _distribution(cell["counts"])
    substantive = {v: n for v, n in distribution.counts.items() if v in SCALE_VALUES}
    total = sum(substantive.values())
    share = meets = None
    if total:
        share = sum(n for v, n in substantive.items() if v in acceptable) / total
        meets = share * 100 >= assessment.norm_min_share
    spread = statistics.spread_of_counts(substantive)
    publishable = examples_publishable(assessment, cell["direct"])
    shown = list(examples) if publishable else []
    random.SystemRandom().shuffle(shown)  # no order that could hint at who wrote what
    return ItemResult(
        visible=True,
        distribution=distribution,
        spread=spread,
        acceptable_share=share,
        meets_norm=meets,
        flags=statistics.flags(meets_norm=meets, rwg=spread.rwg if spread else None),
        examples=shown,
        example_count=len(cell.get("examples", [])) if publishable else 0,
        **common,
    )


def _group_comparison(assessment, items, cells: dict) -> GroupComparison:
    labels = {key: str(label) for key, label, _roles in GROUPS}
    rows, present = {}, set()
    for item in items:
        groups = (cells.get(item.code) or {}).get("groups")
        if not _shown(assessment, cells.get(item.code)) or not groups:
            continue
        if not all(may_publish(assessment, sum(g["counts"].values()), g["direct"]) for g in groups.values()):
            continue
        row = {}
        for key, group in groups.items():
            counts = _distribution(group["counts"]).counts
            spread = statistics.spread_of_counts({v: n for v, n in counts.items() if v in SCALE_VALUES})
            row[key] = GroupCell(median=spread.median if spread else None, answers=sum(group["counts"].values()))
            present.add(key)
        rows[item.id] = row
    return GroupComparison(groups=[(key, labels[key]) for key in labels if key in present], rows=rows)


def _pattern_results(assessment, cells: dict) -> list[PatternResult]:
    results = []
    for pattern in lens_patterns(assessment):
        cell = cells.get(pattern.slug)
        answers = cell["answers"] if cell else 0
        if _shown(assessment, cell):
            counts = {int(v): n for v, n in cell["counts"].items()}
            results.append(PatternResult(pattern, answers, True, counts))
        else:
            results.append(PatternResult(pattern, answers, False))
    return results


def _examples(assessment, items, cells: dict, limit: int | None = None) -> dict[int, list[str]]:
    """The texts of the examples a release names, decrypted only for showing (gone once purged).
    With `limit`, the first that many per statement in the release's (random) order."""
    wanted = {
        item.id: cells[item.code]["examples"][:limit] for item in items if (cells.get(item.code) or {}).get("examples")
    }
    if not wanted:
        return {}
    ids = {response for responses in wanted.values() for response in responses}
    rows = Answer.objects.filter(response__assessment=assessment, response_id__in=ids, item_id__in=wanted)
    texts: dict[int, list[str]] = defaultdict(list)
    for item_id, response_id, text in rows.exclude(example="").values_list("item_id", "response_id", "example"):
        if str(response_id) in wanted[item_id]:
            texts[item_id].append(decrypt_text(assessment.organisation, text))
    return texts


def statement_examples(assessment, item) -> list[str]:
    """Every example shown for one statement, through the same gate as its figure on the results page."""
    data = _shown_data(assessment, final_release(assessment))
    cell = (data or {}).get("items", {}).get(item.code)
    if not cell or not _shown(assessment, cell) or not examples_publishable(assessment, cell["direct"]):
        return []
    texts = _examples(assessment, [item], {item.code: cell}).get(item.id, [])
    random.SystemRandom().shuffle(texts)  # as on the results page
    return texts


def final_release(assessment) -> Release | None:
    return assessment.releases.filter(kind=Release.Kind.FINAL).first()


COUNTS = ("invited_count", "started_count", "submitted_count")


def _count_expressions(meting: str) -> dict:
    """Invited, started and submitted as subqueries on the meting whose key is the outer query's
    field `meting`: joined to another query, they cost no round trip of their own."""

    def counted(queryset):
        return Coalesce(Subquery(queryset.values("assessment").annotate(n=Count("id")).values("n")), 0)

    responses = Response.objects.filter(assessment=OuterRef(meting))
    return {
        "invited_count": counted(Participant.objects.filter(assessment=OuterRef(meting))),
        "started_count": counted(responses),
        "submitted_count": counted(responses.filter(submitted_on__isnull=False)),
    }


def _release_and_counts(assessment) -> tuple[Release | None, dict]:
    """The final release, if there is one, and the counts: one query for a released meting."""
    release = assessment.releases.filter(kind=Release.Kind.FINAL).annotate(**_count_expressions("assessment")).first()
    if release is not None:
        return release, {name: getattr(release, name) for name in COUNTS}
    counts = Assessment.objects.same(assessment).annotate(**_count_expressions("pk")).values(*COUNTS).get()
    return None, counts


def _shown_data(assessment, release) -> dict | None:
    if release is not None:
        return release.data
    if assessment.mode == Mode.OPEN:
        return release_data(assessment)  # open comparison: the group agreed to see answers as they come
    return None


def results_for_assessment(assessment, *, examples_per_statement: int | None = None) -> AssessmentResults:
    """Everything the results pages, exports, reports and the trend may show of a meting. With
    `examples_per_statement`, only the first so many examples are read (the page links to the rest)."""
    release, counts = _release_and_counts(assessment)
    items = list(assessment.questionnaire.items.select_related("section").order_by("number"))
    data = _shown_data(assessment, release)
    cells = data["items"] if data else {}
    norms = {norm.item_id: norm for norm in assessment.norms.all()}
    examples = _examples(assessment, items, cells, examples_per_statement) if data else {}
    item_results = [
        item_result(assessment, i, norms.get(i.id), cells.get(i.code), examples.get(i.id, [])) for i in items
    ]
    visible = any(r.visible for r in item_results)
    overall = alpha = groups = None
    if visible:  # totals of the shown statements only: hidden ones cannot be found by subtraction
        total: dict[int, int] = defaultdict(int)
        for r in item_results:
            for value, n in r.distribution.counts.items() if r.visible else ():
                total[value] += n
        overall = Distribution(counts=dict(total))
        alpha = data.get("alpha")
        groups = _group_comparison(assessment, items, cells)
    return AssessmentResults(
        assessment=assessment,
        threshold=effective_threshold(assessment),
        participant_count=counts["invited_count"],
        started_count=counts["started_count"],
        submitted_count=counts["submitted_count"],
        routes=data["routes"] if data else routes(assessment),
        released=data is not None,
        visible=visible,
        overall=overall,
        items=item_results,
        alpha=alpha,
        groups=groups,
        patterns=_pattern_results(assessment, data.get("patterns", {})) if visible else [],
        release=release,
        example_threshold=example_threshold(assessment),
    )


@dataclass(frozen=True)
class MatrixRow:
    item: object
    cells: list  # one Answer (or None) per person, in `people` order


@dataclass(frozen=True)
class AnswerMatrix:
    people: list  # participants, in a stable order
    rows: list[MatrixRow]


def answer_matrix(assessment) -> AnswerMatrix:
    """Individual answers side by side: only in open comparison, which every participant agreed to."""
    if assessment.mode != Mode.OPEN:
        raise PermissionDenied("Individual answers are only shown in open comparison.")
    responses = list(
        assessment.responses.filter(submitted_on__isnull=False, participant__isnull=False, consented_open=True)
        .select_related("participant")
        .order_by("participant__name", "participant__id")
    )
    by_response = defaultdict(dict)
    for answer in Answer.objects.filter(response__in=responses):
        answer.example = decrypt_text(assessment.organisation, answer.example)  # for display only, never saved
        by_response[answer.response_id][answer.item_id] = answer
    items = assessment.questionnaire.items.select_related("section").order_by("number")
    rows = [MatrixRow(item=item, cells=[by_response[r.id].get(item.id) for r in responses]) for item in items]
    return AnswerMatrix(people=[r.participant for r in responses], rows=rows)


@dataclass(frozen=True)
class LiveStatement:
    """One statement on the shared screen of a live session, as it was revealed."""

    answered: int
    result: ItemResult
    people: list[tuple[object, int]] | None = None  # open comparison only: (participant, answer value)


def live_statement(assessment, item) -> LiveStatement | None:
    """What the reveal of a statement published (None before it was revealed). Names beside
    answers only in open comparison, as agreed."""
    reveal = assessment.releases.filter(kind=Release.Kind.REVEAL, item=item).first()
    if reveal is None:
        return None
    result = item_result(assessment, item, assessment.norms.filter(item=item).first(), reveal.data)
    people = None
    if assessment.mode == Mode.OPEN:
        rows = Answer.objects.filter(
            response__assessment=assessment,
            response__source="live",
            item=item,
            response__consented_open=True,
            response__participant__isnull=False,
        )
        people = [
            (a.response.participant, a.value)
            for a in rows.select_related("response__participant").order_by("response__participant__name")
        ]
    return LiveStatement(answered=reveal.data["answers"], result=result, people=people)


def live_answered_count(assessment, item) -> int:
    """How many of a live session's participants answered a statement: a count, never the answers."""
    return Answer.objects.filter(response__assessment=assessment, response__source="live", item=item).count()
