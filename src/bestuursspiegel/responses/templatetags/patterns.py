from django import template

from bestuursspiegel.responses.constants import PatternValue

register = template.Library()


@register.filter
def pattern_label(value) -> str:
    """The words for an answer in the pattern lens (1 → "ja, herken ik")."""
    try:
        return str(PatternValue(int(value)).label)
    except (TypeError, ValueError):
        return ""
