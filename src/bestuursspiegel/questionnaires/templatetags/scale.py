from django import template
from django.utils.translation import gettext as _

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


@register.filter
def median_words(value) -> str:
    """A median as answer words: 2 → "vaak", 2.5 → "tussen vaak en geregeld"; people read words."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    low, high = answer_label(int(number // 1)), answer_label(int(-(-number // 1)))
    if not low or not high:
        return ""
    if low == high:
        return low
    return _("between %(low)s and %(high)s") % {"low": low, "high": high}


@register.filter
def range_words(spread) -> str:
    """The lowest and the highest answer given: "altijd – nooit"."""
    return f"{answer_label(spread.low)} – {answer_label(spread.high)}"
