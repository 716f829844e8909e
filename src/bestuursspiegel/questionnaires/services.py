"""The questionnaires app's public face for other apps."""

from django.db.models import Max

from .models import Questionnaire

STANDARD_SLUG = "bestuurscultuur"


def questionnaire_current(slug: str = STANDARD_SLUG) -> Questionnaire:
    """The newest loaded version of a questionnaire; new metingen start with it."""
    latest = Questionnaire.objects.filter(slug=slug).aggregate(v=Max("version"))["v"]
    if latest is None:
        raise Questionnaire.DoesNotExist(f"Questionnaire '{slug}' is not loaded; run `manage.py load_content`.")
    return Questionnaire.objects.get(slug=slug, version=latest)
