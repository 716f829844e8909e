"""Property-based: whatever the group sizes and threshold, no visible number rests on fewer
respondents than the threshold, and no hidden group can be worked out from the visible ones."""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bestuursspiegel.assessments.constants import ParticipantRole
from bestuursspiegel.responses.models import Answer, Response
from bestuursspiegel.results.aggregation import results_for_assessment
from bestuursspiegel.results.groups import GROUPS

ROLES = list(ParticipantRole.values)


def fill(assessment, roles, values):
    """Submitted responses with the given roles, every statement answered (bulk, for speed)."""
    today = timezone.localdate()
    responses = Response.objects.bulk_create(
        Response(assessment=assessment, key=f"{assessment.pk}-{i}", role=role, started_on=today, submitted_on=today)
        for i, role in enumerate(roles)
    )
    items = list(assessment.questionnaire.items.all())
    Answer.objects.bulk_create(
        Answer(response=r, item=item, value=values[(i + item.number) % len(values)])
        for i, r in enumerate(responses)
        for item in items
    )


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    roles=st.lists(st.sampled_from(ROLES), min_size=0, max_size=24),
    threshold=st.integers(min_value=5, max_value=9),
    values=st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=6),
)
def test_no_visible_cell_below_the_threshold_and_no_derivable_group(make_assessment, roles, threshold, values):
    assessment = make_assessment(anonymity_threshold=threshold)
    fill(assessment, roles, values)
    result = results_for_assessment(assessment)

    assert result.threshold == threshold
    assert result.visible == (len(roles) >= threshold)
    if not result.visible:
        assert result.overall is None and result.groups is None and result.alpha is None
    for item in result.items:
        if item.visible:
            assert item.respondents >= threshold
            assert item.distribution.respondents == item.respondents
        else:
            assert item.distribution is None and item.spread is None and item.meets_norm is None
    if result.groups and result.groups.visible:
        sizes = [g.respondents for g in result.groups.groups]
        assert all(size >= threshold for size in sizes)
        # Every respondent is in a shown group: nothing is left to derive by subtraction.
        assert sum(sizes) == len(roles)
        for group in result.groups.groups:
            for distribution in group.distributions.values():
                assert distribution.respondents == group.respondents >= threshold


def test_the_groups_partition_every_role():
    covered = [role for _key, _label, roles in GROUPS for role in roles]
    assert sorted(covered) == sorted(ROLES)


@pytest.mark.django_db
def test_mayor_is_counted_with_the_college(make_assessment):
    assessment = make_assessment()
    fill(
        assessment, [ParticipantRole.MAYOR] + [ParticipantRole.ALDERMAN] * 4 + [ParticipantRole.COUNCILLOR] * 5, [2, 4]
    )
    groups = results_for_assessment(assessment).groups
    assert groups.visible
    assert {g.key: g.respondents for g in groups.groups} == {"council": 5, "college": 5}


@pytest.mark.django_db
def test_one_small_group_hides_the_whole_comparison(make_assessment):
    assessment = make_assessment()
    fill(assessment, [ParticipantRole.COUNCILLOR] * 9 + [ParticipantRole.CLERK], [3])
    result = results_for_assessment(assessment)
    assert result.visible and not result.groups.visible and result.groups.groups == []
