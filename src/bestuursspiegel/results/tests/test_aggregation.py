import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.constants import MIN_RESPONDENTS_FOR_EXAMPLES
from bestuursspiegel.responses.tests.helpers import invite, respond
from bestuursspiegel.results.aggregation import answer_matrix, results_for_assessment
from bestuursspiegel.results.anonymity import is_publishable, may_publish
from bestuursspiegel.results.services import assessment_close


def answer(assessment, facilitator, answer_sets, submit=True, examples=None):
    invitations = invite(assessment, facilitator, len(answer_sets))
    for invitation, values in zip(invitations, answer_sets, strict=True):
        respond(invitation, values, submit=submit, examples=examples)


def run(assessment, facilitator, answer_sets, submit=True, examples=None):
    """Answer, close (which releases the results) and read what was released."""
    answer(assessment, facilitator, answer_sets, submit=submit, examples=examples)
    assessment_close(assessment=assessment, actor=facilitator)
    assessment.refresh_from_db()
    return results_for_assessment(assessment)


def item_result(result, number):
    return next(r for r in result.items if r.item.number == number)


def test_below_the_threshold_nothing_is_visible(running, facilitator):
    result = run(running, facilitator, [1, 2, 3, 4])
    assert result.submitted_count == 4 and result.released
    assert not result.visible
    assert result.overall is None
    for r in result.items:
        assert not r.visible
        assert r.distribution is None and r.meets_norm is None and r.acceptable_share is None


def test_an_open_anonymous_meting_shows_counts_and_no_figures(running, facilitator):
    answer(running, facilitator, [2] * 12)
    result = results_for_assessment(running)
    assert result.submitted_count == 12 and result.routes == {"online": 12, "live": 0, "paper": 0}
    assert not result.released and not result.visible and result.overall is None and result.alpha is None
    assert all(not r.visible and r.distribution is None for r in result.items)


def test_at_the_threshold_counts_are_exact(running, facilitator):
    # Hand-computed: five respondents answer every statement 1, 1, 4, 5, 0.
    result = run(running, facilitator, [1, 1, 4, 5, 0])
    assert result.visible
    assert result.overall.counts == {1: 38, 4: 19, 5: 19, 0: 19}
    first = item_result(result, 1)
    assert first.visible and first.respondents == 5
    assert first.distribution.counts == {1: 2, 4: 1, 5: 1, 0: 1}
    assert first.distribution.substantive == 4
    assert first.distribution.share(1) == 0.5
    assert first.distribution.share(0) == 0.2  # 'don't know' among all respondents
    # Norm of statement 1 is {soms, nooit}: 2 of 4 substantive answers acceptable = 50% < 75%.
    assert first.acceptable_share == 0.5
    assert first.meets_norm is False
    # Statement 19 is positive, norm {altijd, vaak}: 2 of 4 = 50%.
    assert item_result(result, 19).acceptable_share == 0.5


def test_norm_is_met_from_the_minimum_share_on(running, facilitator):
    result = run(running, facilitator, [4, 4, 5, 5, 2])  # 80% acceptable for problem statements
    assert item_result(result, 1).meets_norm is True
    assert item_result(result, 19).meets_norm is False  # positive: only 'vaak' (1 of 5) is acceptable
    assert len(result.within_norm) == 18 and [r.item.number for r in result.outside_norm] == [19]


def test_only_dont_know_gives_no_judgement(running, facilitator):
    result = run(running, facilitator, [0] * 5)
    assert all(r.visible and r.meets_norm is None for r in result.items)


def test_unsubmitted_answers_are_not_counted(running, facilitator):
    answer(running, facilitator, [3] * 5)
    invitations = invite(running, facilitator, 3)
    for invitation in invitations:
        respond(invitation, 1, submit=False)
    result = results_for_assessment(running)
    assert result.submitted_count == 5 and result.started_count == 8 and result.in_progress_count == 3
    assessment_close(assessment=running, actor=facilitator)
    assert item_result(results_for_assessment(running), 1).distribution.counts == {3: 5}


@pytest.mark.parametrize(("threshold", "visible"), [(5, True), (6, False)])
def test_a_statement_answered_by_fewer_than_the_threshold_stays_hidden(
    make_assessment, facilitator, threshold, visible
):
    assessment = make_assessment(anonymity_threshold=threshold)
    assessment_services.assessment_open(assessment=assessment, actor=facilitator)
    result = run(assessment, facilitator, [3] * 5)
    assert result.visible is visible and all(r.visible is visible for r in result.items)


def test_threshold_function_never_goes_below_five_in_anonymous_mode(assessment):
    assessment.anonymity_threshold = 2  # as if the database constraint were bypassed
    assert not is_publishable(assessment, 4)
    assert is_publishable(assessment, 5)


@pytest.mark.parametrize(
    ("answers", "direct", "allowed"),
    [(5, 5, True), (4, 4, False), (12, 2, False), (10, 5, True), (6, 0, True), (4, 0, False), (9, 4, False)],
)
def test_paper_forms_never_carry_a_figure_over_the_threshold(assessment, answers, direct, allowed):
    """Of the direct answers none or at least k: subtracting known paper forms never leaves fewer than k."""
    assert may_publish(assessment, answers, direct) is allowed


@pytest.mark.parametrize(
    ("respondents", "shown"), [(MIN_RESPONDENTS_FOR_EXAMPLES - 1, 0), (MIN_RESPONDENTS_FOR_EXAMPLES, 1)]
)
def test_examples_appear_only_from_ten_respondents_and_without_order(running, facilitator, respondents, shown):
    texts = {1: "Bij de begroting werd op de persoon gespeeld"}
    result = run(running, facilitator, [3] * respondents, examples=texts)
    assert item_result(result, 1).visible
    assert item_result(result, 1).examples == [texts[1]] * (respondents if shown else 0)
    assert item_result(result, 2).examples == []


def test_examples_are_not_asked_when_the_meting_chose_so(make_assessment, facilitator):
    assessment = make_assessment(allow_examples=False)
    assessment_services.assessment_open(assessment=assessment, actor=facilitator)
    with pytest.raises(ValidationError):
        answer(assessment, facilitator, [3], examples={1: "Iets"})


def test_open_comparison_shows_answers_side_by_side(open_assessment, facilitator):
    assessment_services.assessment_open(assessment=open_assessment, actor=facilitator)
    invitations = invite(open_assessment, facilitator, 2)
    for invitation, value in zip(invitations, [2, 4], strict=True):
        respond(invitation, value, examples={1: "Voorbeeld"})
    result = results_for_assessment(open_assessment)
    assert result.visible  # the group chose to see each other's answers
    matrix = answer_matrix(open_assessment)
    assert [p.name for p in matrix.people] == sorted(i.participant.name for i in invitations)
    by_name = {p.name: answer for p, answer in zip(matrix.people, matrix.rows[0].cells, strict=True)}
    assert {name: a.value for name, a in by_name.items()} == {
        invitations[0].participant.name: 2,
        invitations[1].participant.name: 4,
    }
    assert matrix.rows[0].cells[0].example == "Voorbeeld"


def test_individual_answers_are_never_available_in_anonymous_mode(running, facilitator):
    run(running, facilitator, [3] * 5)
    with pytest.raises(PermissionDenied):
        answer_matrix(running)


def test_query_count_does_not_grow_with_respondents(make_assessment, facilitator, django_assert_max_num_queries):
    counts = []
    for size in (5, 45):
        assessment = make_assessment()
        assessment_services.assessment_open(assessment=assessment, actor=facilitator)
        run(assessment, facilitator, [3] * size)
        with django_assert_max_num_queries(8) as queries:
            results_for_assessment(assessment)
        counts.append(len(queries.captured_queries))
    assert counts[0] > 0 and counts[0] == counts[1]
