"""The single gate between stored answers and anything shown, exported or served.

Every figure of answers, and every change of a figure that was shown before, is checked here by
`may_publish`. The rules, for a meting with threshold k (never below MIN_ANONYMITY_THRESHOLD in
anonymous mode; 1 in open comparison, where the group agreed to see each other's answers):

* at least k answers in all, so that nobody is recognised among fewer than k people;
* of the answers given by respondents themselves (by link or in a live session), none or at
  least k. Paper forms were read by whoever typed them in: subtracting them from a figure must
  not leave fewer than k unknown answers. This makes padding a meting with paper forms useless.

A change of a published figure (a statement revealed in a live session, then published again at
closing) is allowed only if the answers it adds pass the same two rules: two figures anyone can
obtain then never differ by the answers of fewer than k respondents.
"""

from django.conf import settings

from bestuursspiegel.assessments.constants import Mode


def effective_threshold(assessment) -> int:
    if assessment.mode == Mode.OPEN:
        return 1
    return max(assessment.anonymity_threshold, settings.MIN_ANONYMITY_THRESHOLD)


def may_publish(assessment, answers: int, direct: int) -> bool:
    """May a figure over `answers` answers be shown, or a shown figure change by that many?
    `direct` of them came from respondents themselves; the others are paper forms."""
    k = effective_threshold(assessment)
    return answers >= k and (direct == 0 or direct >= k)


def is_publishable(assessment, respondents: int) -> bool:
    """The same rule for a group in which every answer was given directly (no paper forms)."""
    return may_publish(assessment, respondents, respondents)


def example_threshold(assessment) -> int:
    return assessment.example_threshold  # max(10, threshold): see assessments.constants


def examples_publishable(assessment, direct: int) -> bool:
    """Examples are written online only; shown when at least `example_threshold` people answered the
    statement themselves. In open comparison they are shown beside each person's answers instead."""
    if assessment.mode == Mode.OPEN or not assessment.allow_examples:
        return False
    return direct >= example_threshold(assessment)


def count_publishable(count: int) -> bool:
    """A count of people or reports outside a meting (the reporting desk's yearly figures): none, or
    at least the installation's minimum threshold."""
    return count == 0 or count >= settings.MIN_ANONYMITY_THRESHOLD
