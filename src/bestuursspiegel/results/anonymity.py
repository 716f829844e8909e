"""The single gate between stored answers and anything shown, exported or served.

Every aggregate of answers is checked here. In anonymous mode a group smaller than the
meting's threshold (never below MIN_ANONYMITY_THRESHOLD) is hidden; in open comparison
the group agreed beforehand to see each other's answers.
"""

from django.conf import settings

from bestuursspiegel.assessments.constants import Mode

# Examples are free text and more identifying than ticks: anonymous mode shows them only
# from this many respondents to a statement on (issue "Interpretation", point 3).
MIN_RESPONDENTS_FOR_EXAMPLES = 10


def effective_threshold(assessment) -> int:
    if assessment.mode == Mode.OPEN:
        return 1
    return max(assessment.anonymity_threshold, settings.MIN_ANONYMITY_THRESHOLD)


def is_publishable(assessment, respondents: int) -> bool:
    """May an aggregate over `respondents` people be shown for this meting?"""
    return respondents >= effective_threshold(assessment)


def examples_publishable(assessment, respondents: int) -> bool:
    if assessment.mode == Mode.OPEN:
        return False  # shown beside each person's answers in the open matrix instead
    return is_publishable(assessment, respondents) and respondents >= MIN_RESPONDENTS_FOR_EXAMPLES
