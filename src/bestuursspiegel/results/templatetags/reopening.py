from django import template

from bestuursspiegel.results.services import reopen_refusal

register = template.Library()


@register.simple_tag
def can_reopen(assessment) -> bool:
    """Offer reopening only where it is safe (the meting page lives in `assessments`, which must not
    import `results`)."""
    return reopen_refusal(assessment) is None
