from django import template

from bestuursspiegel.questionnaires.constants import AnswerValue

register = template.Library()


@register.filter
def answer_label(value) -> str:
    """The Dutch word for an answer value (1 → altijd)."""
    try:
        return str(AnswerValue(int(value)).label)
    except (TypeError, ValueError):
        return ""


@register.filter
def answer_labels(values) -> str:
    """A list of values as words: [4, 5] → "soms, nooit"."""
    return ", ".join(answer_label(value) for value in values or [])
