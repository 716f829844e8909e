"""Results of a meting: counts, spread and agreement per statement, groups and patterns.

`results_for_assessment` is the only function that reads answers for aggregates; every number it
returns has passed `anonymity.is_publishable`. It runs a constant number of queries, whatever the
number of respondents.
"""

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q

from bestuursspiegel.assessments.constants import Mode
from bestuursspiegel.questionnaires.constants import SCALE_VALUES, AnswerValue
from bestuursspiegel.responses.constants import PatternValue
from bestuursspiegel.responses.models import Answer, PatternAnswer
from bestuursspiegel.responses.services import lens_patterns

from . import statistics
from .anonymity import effective_threshold, examples_publishable, is_publishable
from .groups import GROUPS, group_of

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
    respondents: int
    visible: bool
    distribution: Distribution | None = None
    spread: statistics.Spread | None = None
    acceptable_share: float | None = None
    meets_norm: bool | None = None
    flags: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class GroupResult:
    key: str
    label: str
    respondents: int
    medians: dict[int, float | None]  # item id -> median of substantive answers
    distributions: dict[int, Distribution]


@dataclass(frozen=True)
class GroupComparison:
    visible: bool
    groups: list[GroupResult]


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
    visible: bool
    overall: Distribution | None
    items: list[ItemResult]
    alpha: float | None = None
    groups: GroupComparison | None = None
    patterns: list[PatternResult] = field(default_factory=list)

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


def _item_result(assessment, item, norm, values: list[int], examples) -> ItemResult:
    respondents = len(values)
    acceptable = sorted(norm.acceptable_values) if norm else []
    serious = bool(norm and norm.is_serious)
    if not is_publishable(assessment, respondents):
        return ItemResult(item=item, acceptable=acceptable, is_serious=serious, respondents=respondents, visible=False)
    counts: dict[int, int] = defaultdict(int)
    for value in values:
        counts[value] += 1
    distribution = Distribution(counts=dict(counts))
    substantive = [v for v in values if v in SCALE_VALUES]
    share = meets = None
    if substantive:
        share = sum(1 for v in substantive if v in acceptable) / len(substantive)
        meets = share * 100 >= assessment.norm_min_share
    spread = statistics.spread(substantive)
    shown = list(examples) if examples_publishable(assessment, respondents) else []
    random.SystemRandom().shuffle(shown)  # no order that could hint at who wrote what
    return ItemResult(
        item=item,
        acceptable=acceptable,
        is_serious=serious,
        respondents=respondents,
        visible=True,
        distribution=distribution,
        spread=spread,
        acceptable_share=share,
        meets_norm=meets,
        flags=statistics.flags(meets_norm=meets, rwg=spread.rwg if spread else None),
        examples=shown,
    )


def _group_comparison(assessment, items, by_response: dict, roles: dict) -> GroupComparison:
    members: dict[str, list] = {key: [] for key, _label, _roles in GROUPS}
    for response_id, role in roles.items():
        members[group_of(role)].append(response_id)
    filled = {key: ids for key, ids in members.items() if ids}
    # Every group with respondents must pass the gate; otherwise the hidden one could be derived
    # from the total minus the others.
    visible = len(filled) >= 2 and all(is_publishable(assessment, len(ids)) for ids in filled.values())
    if not visible:
        return GroupComparison(visible=False, groups=[])
    results = []
    for key, label, _roles in GROUPS:
        ids = filled.get(key)
        if not ids:
            continue
        medians, distributions = {}, {}
        for item in items:
            values = [by_response[r][item.id] for r in ids if item.id in by_response[r]]
            counts: dict[int, int] = defaultdict(int)
            for value in values:
                counts[value] += 1
            distributions[item.id] = Distribution(counts=dict(counts))
            spread = statistics.spread([v for v in values if v in SCALE_VALUES])
            medians[item.id] = spread.median if spread else None
        results.append(
            GroupResult(key=key, label=str(label), respondents=len(ids), medians=medians, distributions=distributions)
        )
    return GroupComparison(visible=True, groups=results)


def _pattern_results(assessment) -> list[PatternResult]:
    patterns = list(lens_patterns(assessment))
    if not patterns:
        return []
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    rows = (
        PatternAnswer.objects.filter(response__assessment=assessment, response__submitted_on__isnull=False)
        .values("pattern_id", "value")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["pattern_id"]][row["value"]] = row["n"]
    results = []
    for pattern in patterns:
        respondents = sum(counts[pattern.pk].values())
        if is_publishable(assessment, respondents):
            results.append(PatternResult(pattern, respondents, True, dict(counts[pattern.pk])))
        else:
            results.append(PatternResult(pattern, respondents, False))
    return results


def results_for_assessment(assessment) -> AssessmentResults:
    """Everything the results pages, exports and API may show of a meting."""
    response_counts = assessment.responses.aggregate(
        started=Count("id"), submitted=Count("id", filter=Q(submitted_on__isnull=False))
    )
    participant_count = assessment.participants.count()
    by_item: dict[int, list[int]] = defaultdict(list)
    by_response: dict = defaultdict(dict)
    roles: dict = {}
    for response_id, item_id, value, role in _submitted_answers(assessment).values_list(
        "response_id", "item_id", "value", "response__role"
    ):
        by_item[item_id].append(value)
        by_response[response_id][item_id] = value
        roles[response_id] = role

    examples: dict[int, list[str]] = defaultdict(list)
    if assessment.mode == Mode.ANONYMOUS:
        for item_id, text in _submitted_answers(assessment).exclude(example="").values_list("item_id", "example"):
            examples[item_id].append(text)

    norms = {norm.item_id: norm for norm in assessment.norms.all()}
    items = list(assessment.questionnaire.items.select_related("section").order_by("number"))
    item_results = [
        _item_result(assessment, item, norms.get(item.id), by_item.get(item.id, []), examples.get(item.id, []))
        for item in items
    ]

    submitted = response_counts["submitted"]
    visible = is_publishable(assessment, submitted)
    overall = alpha = groups = None
    if visible:
        totals: dict[int, int] = defaultdict(int)
        for values in by_item.values():
            for value in values:
                totals[value] += 1
        overall = Distribution(counts=dict(totals))
        matrix = [
            [answers.get(item.id, math.nan) if answers.get(item.id) in SCALE_VALUES else math.nan for item in items]
            for answers in by_response.values()
        ]
        alpha = statistics.group_alpha(matrix)
        groups = _group_comparison(assessment, items, by_response, roles)
    return AssessmentResults(
        assessment=assessment,
        threshold=effective_threshold(assessment),
        participant_count=participant_count,
        started_count=response_counts["started"],
        submitted_count=submitted,
        visible=visible,
        overall=overall,
        items=item_results,
        alpha=alpha,
        groups=groups,
        patterns=_pattern_results(assessment) if visible else [],
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
