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
from bestuursspiegel.utils.crypto import decrypt_text

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


@dataclass
class RawData:
    """What the gate works from: answer values per statement and per role group, before any hiding.

    Built from the stored answers, or, after the retention period, from the counts kept then.
    """

    submitted: int
    item_values: dict  # item id -> list of values
    group_values: dict  # group key -> {"respondents": n, "items": {item id -> list of values}}
    alpha: float | None
    pattern_counts: dict  # pattern id -> {value: count}
    examples: dict  # item id -> list of texts


def _group_comparison(assessment, items, group_values: dict) -> GroupComparison:
    filled = {key: data for key, data in group_values.items() if data["respondents"]}
    # Every group with respondents must pass the gate; otherwise the hidden one could be derived
    # from the total minus the others.
    visible = len(filled) >= 2 and all(is_publishable(assessment, data["respondents"]) for data in filled.values())
    if not visible:
        return GroupComparison(visible=False, groups=[])
    results = []
    for key, label, _roles in GROUPS:
        data = filled.get(key)
        if not data:
            continue
        medians, distributions = {}, {}
        for item in items:
            values = data["items"].get(item.id, [])
            distributions[item.id] = Distribution(counts=_count(values))
            spread = statistics.spread([v for v in values if v in SCALE_VALUES])
            medians[item.id] = spread.median if spread else None
        results.append(
            GroupResult(
                key=key, label=str(label), respondents=data["respondents"], medians=medians, distributions=distributions
            )
        )
    return GroupComparison(visible=True, groups=results)


def _count(values) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for value in values:
        counts[value] += 1
    return dict(counts)


def _raw_from_answers(assessment, items) -> RawData:
    by_item: dict[int, list[int]] = defaultdict(list)
    by_response: dict = defaultdict(dict)
    roles: dict = {}
    for response_id, item_id, value, role in _submitted_answers(assessment).values_list(
        "response_id", "item_id", "value", "response__role"
    ):
        by_item[item_id].append(value)
        by_response[response_id][item_id] = value
        roles[response_id] = role
    groups = {key: {"respondents": 0, "items": defaultdict(list)} for key, _label, _roles in GROUPS}
    for response_id, answers in by_response.items():
        group = groups[group_of(roles[response_id])]
        group["respondents"] += 1
        for item_id, value in answers.items():
            group["items"][item_id].append(value)
    matrix = [
        [answers.get(item.id) if answers.get(item.id) in SCALE_VALUES else math.nan for item in items]
        for answers in by_response.values()
    ]
    examples: dict[int, list[str]] = defaultdict(list)
    if assessment.mode == Mode.ANONYMOUS:
        for item_id, text in _submitted_answers(assessment).exclude(example="").values_list("item_id", "example"):
            examples[item_id].append(decrypt_text(assessment.organisation, text))
    pattern_counts: dict[int, dict[int, int]] = defaultdict(dict)
    if assessment.include_patterns:
        rows = (
            PatternAnswer.objects.filter(response__assessment=assessment, response__submitted_on__isnull=False)
            .values("pattern_id", "value")
            .annotate(n=Count("id"))
        )
        for row in rows:
            pattern_counts[row["pattern_id"]][row["value"]] = row["n"]
    submitted = assessment.responses.filter(submitted_on__isnull=False).count()
    return RawData(submitted, by_item, groups, statistics.group_alpha(matrix), pattern_counts, examples)


def _expand(counts: dict) -> list[int]:
    return [int(value) for value, n in counts.items() for _ in range(n)]


def _raw_from_snapshot(assessment, items) -> RawData:
    """After the retention period: the counts kept at purge time (see results.retention)."""
    snapshot = assessment.purged_snapshot or {}
    by_code = {item.code: item.id for item in items}
    item_values = {by_code[code]: _expand(c) for code, c in snapshot.get("items", {}).items() if code in by_code}
    groups = {
        key: {
            "respondents": data["respondents"],
            "items": {by_code[code]: _expand(c) for code, c in data["items"].items() if code in by_code},
        }
        for key, data in snapshot.get("groups", {}).items()
    }
    patterns = {p.slug: p.pk for p in lens_patterns(assessment)}
    pattern_counts = {
        patterns[slug]: {int(v): n for v, n in c.items()}
        for slug, c in snapshot.get("patterns", {}).items()
        if slug in patterns
    }
    return RawData(snapshot.get("submitted", 0), item_values, groups, snapshot.get("alpha"), pattern_counts, {})


def raw_snapshot(assessment) -> dict:
    """The counts to keep when raw answers are removed: enough to show the same results later."""
    items = list(assessment.questionnaire.items.all())
    raw = _raw_from_answers(assessment, items)
    code = {item.id: item.code for item in items}
    slugs = {p.pk: p.slug for p in lens_patterns(assessment)}
    return {
        "submitted": raw.submitted,
        "items": {code[i]: _count(values) for i, values in raw.item_values.items()},
        "groups": {
            key: {"respondents": data["respondents"], "items": {code[i]: _count(v) for i, v in data["items"].items()}}
            for key, data in raw.group_values.items()
        },
        "alpha": raw.alpha,
        "patterns": {slugs[p]: counts for p, counts in raw.pattern_counts.items() if p in slugs},
    }


def _pattern_results(assessment, pattern_counts: dict) -> list[PatternResult]:
    results = []
    for pattern in lens_patterns(assessment):
        counts = pattern_counts.get(pattern.pk, {})
        respondents = sum(counts.values())
        if is_publishable(assessment, respondents):
            results.append(PatternResult(pattern, respondents, True, dict(counts)))
        else:
            results.append(PatternResult(pattern, respondents, False))
    return results


def results_for_assessment(assessment) -> AssessmentResults:
    """Everything the results pages, exports and API may show of a meting."""
    response_counts = assessment.responses.aggregate(
        started=Count("id"), submitted=Count("id", filter=Q(submitted_on__isnull=False))
    )
    participant_count = assessment.participants.count()
    items = list(assessment.questionnaire.items.select_related("section").order_by("number"))
    raw = _raw_from_snapshot(assessment, items) if assessment.purged_on else _raw_from_answers(assessment, items)
    norms = {norm.item_id: norm for norm in assessment.norms.all()}
    item_results = [
        _item_result(
            assessment, item, norms.get(item.id), raw.item_values.get(item.id, []), raw.examples.get(item.id, [])
        )
        for item in items
    ]
    submitted = raw.submitted
    visible = is_publishable(assessment, submitted)
    overall = alpha = groups = None
    if visible:
        overall = Distribution(counts=_count(v for values in raw.item_values.values() for v in values))
        alpha = raw.alpha
        groups = _group_comparison(assessment, items, raw.group_values)
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
        patterns=_pattern_results(assessment, raw.pattern_counts) if visible else [],
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
    """One statement on the shared screen of a live session."""

    answered: int
    result: ItemResult
    people: list[tuple[object, int]] | None = None  # open comparison only: (participant, answer value)


def live_statement(assessment, item) -> LiveStatement:
    """Answers of a live session's participants to one statement, submitted or not, through the same
    threshold as the results page. Names beside answers only in open comparison, as agreed."""
    answers = Answer.objects.filter(response__assessment=assessment, response__source="live", item=item)
    values = list(answers.values_list("value", flat=True))
    result = _item_result(assessment, item, assessment.norms.filter(item=item).first(), values, examples=[])
    people = None
    if assessment.mode == Mode.OPEN:
        rows = answers.filter(response__consented_open=True, response__participant__isnull=False)
        people = [
            (a.response.participant, a.value)
            for a in rows.select_related("response__participant").order_by("response__participant__name")
        ]
    return LiveStatement(answered=len(values), result=result, people=people)


def live_answered_count(assessment, item) -> int:
    """How many of a live session's participants answered a statement: a count, never the answers."""
    return Answer.objects.filter(response__assessment=assessment, response__source="live", item=item).count()
