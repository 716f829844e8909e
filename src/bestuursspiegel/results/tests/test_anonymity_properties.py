"""Property-based: whatever the group sizes, routes and threshold, no shown figure rests on fewer
respondents than the threshold, paper forms never carry a figure over it, and no hidden group can be
worked out from the shown ones."""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bestuursspiegel.api.serializers import ResultsSerializer
from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.constants import ParticipantRole
from bestuursspiegel.responses.models import Answer, Response
from bestuursspiegel.results.aggregation import results_for_assessment
from bestuursspiegel.results.groups import GROUPS, group_of
from bestuursspiegel.results.services import assessment_close

ROLES = list(ParticipantRole.values)


def fill(assessment, people, values, facilitator, skip=()):
    """Submitted responses (role, on paper?) answering every statement but those in `skip` for some
    respondents (as live responses do), then close the meting: bulk, for speed."""
    today = timezone.localdate()
    responses = Response.objects.bulk_create(
        Response(
            assessment=assessment,
            key=f"{assessment.pk}-{i}",
            role=role,
            source="paper" if paper else "online",
            started_on=today,
            submitted_on=today,
        )
        for i, (role, paper) in enumerate(people)
    )
    items = list(assessment.questionnaire.items.all())
    Answer.objects.bulk_create(
        Answer(response=r, item=item, value=values[(i + item.number) % len(values)])
        for i, r in enumerate(responses)
        for item in items
        if not (item.number in skip and i % 2)
    )
    assessment_close(assessment=assessment, actor=facilitator)
    return items


people_strategy = st.lists(st.tuples(st.sampled_from(ROLES), st.booleans()), min_size=0, max_size=24)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people=people_strategy,
    threshold=st.integers(min_value=5, max_value=9),
    values=st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=6),
    skip=st.sets(st.integers(min_value=1, max_value=19), max_size=5),
)
def test_no_visible_cell_below_the_threshold_and_no_derivable_group(
    make_assessment, facilitator, people, threshold, values, skip
):
    assessment = make_assessment(anonymity_threshold=threshold)
    assessment_services.assessment_open(assessment=assessment, actor=facilitator)
    fill(assessment, people, values, facilitator, skip)
    result = results_for_assessment(assessment)
    answers = {
        r.item.id: list(Answer.objects.filter(response__assessment=assessment, item=r.item)) for r in result.items
    }

    assert result.threshold == threshold and result.released
    if not result.visible:
        assert result.overall is None and result.groups is None and result.alpha is None
    total = {}
    for item in result.items:
        given_answers = answers[item.item.id]
        direct = sum(a.response.source != "paper" for a in given_answers)
        if item.visible:
            assert item.respondents == len(given_answers) >= threshold
            assert direct == 0 or direct >= threshold  # paper forms never carry a figure over
            assert item.distribution.respondents == item.respondents
            for value, n in item.distribution.counts.items():
                total[value] = total.get(value, 0) + n
        else:
            assert item.distribution is None and item.spread is None and item.meets_norm is None
            assert len(given_answers) < threshold or 0 < direct < threshold
    if result.visible:  # totals of the shown statements only: nothing hidden is left to subtract
        assert result.overall.counts == total
    # The API serialises the same result: what is hidden there has no number at all.
    for shown, item in zip(ResultsSerializer(result).data["stellingen"], result.items, strict=True):
        assert shown["zichtbaar"] == item.visible
        figures = ("verdeling", "respondenten", "mediaan", "aandeelAanvaardbaar", "voldoetAanNorm", "rwg")
        if item.visible:
            assert sum(shown["verdeling"].values()) == shown["respondenten"] == item.respondents
        else:
            assert all(shown[name] is None for name in figures)
    if result.groups and result.groups.visible:
        for item_id, row in result.groups.rows.items():
            by_group = {}
            for answer in answers[item_id]:
                by_group.setdefault(group_of(answer.response.role), []).append(answer)
            # Every group with answers to this statement is shown and passes on its own.
            assert set(row) == set(by_group) and len(row) >= 2
            for key, cell in row.items():
                assert cell.answers == len(by_group[key]) >= threshold


def test_the_groups_partition_every_role():
    covered = [role for _key, _label, roles in GROUPS for role in roles]
    assert sorted(covered) == sorted(ROLES)


@pytest.fixture
def opened(make_assessment, facilitator):
    def make():
        assessment = make_assessment()
        assessment_services.assessment_open(assessment=assessment, actor=facilitator)
        return assessment

    return make


def test_mayor_is_counted_with_the_college(opened, facilitator):
    assessment = opened()
    roles = [ParticipantRole.MAYOR] + [ParticipantRole.ALDERMAN] * 4 + [ParticipantRole.COUNCILLOR] * 5
    fill(assessment, [(role, False) for role in roles], [2, 4], facilitator)
    groups = results_for_assessment(assessment).groups
    assert groups.visible and [key for key, _label in groups.groups] == ["council", "college"]
    assert all({k: c.answers for k, c in row.items()} == {"council": 5, "college": 5} for row in groups.rows.values())


def test_one_small_group_hides_the_whole_comparison(opened, facilitator):
    assessment = opened()
    fill(assessment, [(ParticipantRole.COUNCILLOR, False)] * 9 + [(ParticipantRole.CLERK, False)], [3], facilitator)
    result = results_for_assessment(assessment)
    assert result.visible and not result.groups.visible and result.groups.rows == {}


def test_groups_are_judged_per_statement(opened, facilitator):
    """Live responses answer only some statements: a group can be large on one statement and tiny on
    another. The comparison then shows the first and hides the second."""
    assessment = opened()
    people = [(ParticipantRole.COUNCILLOR, False)] * 12 + [(ParticipantRole.ALDERMAN, False)] * 8
    # Respondents with an odd index skip statement 4: 6 councillors and 4 aldermen answer it.
    items = fill(assessment, people, [1, 2, 3], facilitator, skip={4})
    result = results_for_assessment(assessment)
    shown = {item.number for item in items if item.id in result.groups.rows}
    assert 4 not in shown and 3 in shown
    four = next(r for r in result.items if r.item.number == 4)
    assert four.visible and four.respondents == 10  # the statement itself is shown, its groups are not
