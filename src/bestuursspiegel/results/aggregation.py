"""Results of a meting: counts per answer, per statement and overall, against the own norms.

`results_for_assessment` is the only function that reads answers for aggregates; it asks
`anonymity.is_publishable` before any number leaves it. A constant number of queries,
whatever the number of respondents.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q

from bestuursspiegel.assessments.constants import Mode
from bestuursspiegel.questionnaires.constants import SCALE_VALUES, AnswerValue
from bestuursspiegel.responses.models import Answer

from .anonymity import effective_threshold, examples_publishable, is_publishable

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
    respondents: int
    visible: bool
    distribution: Distribution | None = None
    acceptable_share: float | None = None
    meets_norm: bool | None = None
    examples: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AssessmentResults:
    assessment: object
    threshold: int
    participant_count: int
    started_count: int
    submitted_count: int
    visible: bool
    overall: Distribution | None
    items: list[ItemResult]

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


def _submitted_answers(assessment):
    return Answer.objects.filter(response__assessment=assessment, response__submitted_on__isnull=False)


def _item_result(assessment, item, acceptable, counts, examples) -> ItemResult:
    respondents = sum(counts.values())
    if not is_publishable(assessment, respondents):
        return ItemResult(item=item, acceptable=acceptable, respondents=respondents, visible=False)
    distribution = Distribution(counts=dict(counts))
    share = meets = None
    if distribution.substantive:
        share = sum(counts.get(v, 0) for v in acceptable) / distribution.substantive
        meets = share * 100 >= assessment.norm_min_share
    shown = list(examples) if examples_publishable(assessment, respondents) else []
    random.SystemRandom().shuffle(shown)  # no order that could hint at who wrote what
    return ItemResult(
        item=item,
        acceptable=acceptable,
        respondents=respondents,
        visible=True,
        distribution=distribution,
        acceptable_share=share,
        meets_norm=meets,
        examples=shown,
    )


def results_for_assessment(assessment) -> AssessmentResults:
    """Everything the results page, exports and API may show of a meting."""
    response_counts = assessment.responses.aggregate(
        started=Count("id"), submitted=Count("id", filter=Q(submitted_on__isnull=False))
    )
    participant_count = assessment.participants.count()
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for row in _submitted_answers(assessment).values("item_id", "value").annotate(n=Count("id")):
        counts[row["item_id"]][row["value"]] = row["n"]

    examples: dict[int, list[str]] = defaultdict(list)
    if assessment.mode == Mode.ANONYMOUS:
        for item_id, text in _submitted_answers(assessment).exclude(example="").values_list("item_id", "example"):
            examples[item_id].append(text)

    norms = {norm.item_id: sorted(norm.acceptable_values) for norm in assessment.norms.all()}
    items = assessment.questionnaire.items.select_related("section").order_by("number")
    item_results = [
        _item_result(assessment, item, norms.get(item.id, []), counts.get(item.id, {}), examples.get(item.id, []))
        for item in items
    ]

    submitted = response_counts["submitted"]
    visible = is_publishable(assessment, submitted)
    overall = None
    if visible:
        totals: dict[int, int] = defaultdict(int)
        for item_counts in counts.values():
            for value, n in item_counts.items():
                totals[value] += n
        overall = Distribution(counts=dict(totals))
    return AssessmentResults(
        assessment=assessment,
        threshold=effective_threshold(assessment),
        participant_count=participant_count,
        started_count=response_counts["started"],
        submitted_count=submitted,
        visible=visible,
        overall=overall,
        items=item_results,
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
        by_response[answer.response_id][answer.item_id] = answer
    items = assessment.questionnaire.items.select_related("section").order_by("number")
    rows = [MatrixRow(item=item, cells=[by_response[r.id].get(item.id) for r in responses]) for item in items]
    return AnswerMatrix(people=[r.participant for r in responses], rows=rows)
