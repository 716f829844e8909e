"""The questionnaires app's public face for other apps."""

from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Max

from .models import Item, Questionnaire

STANDARD_SLUG = "bestuurscultuur"


def questionnaire_current(slug: str = STANDARD_SLUG) -> Questionnaire:
    """The newest loaded version of a questionnaire; new metingen start with it."""
    latest = Questionnaire.objects.filter(slug=slug).aggregate(v=Max("version"))["v"]
    if latest is None:
        raise Questionnaire.DoesNotExist(f"Questionnaire '{slug}' is not loaded; run `manage.py load_content`.")
    return Questionnaire.objects.get(slug=slug, version=latest)


@dataclass(frozen=True)
class Statement:
    """What a statement page needs to store an answer and to say where Previous and Next lead."""

    pk: int
    questionnaire_id: int
    number: int
    text: str


@lru_cache(maxsize=128)
def statement_sequence(questionnaire_id: int) -> tuple[Statement, ...]:
    """A questionnaire's statements in order. Kept in each process's memory: a questionnaire row's
    statements never change (the loader refuses to change a version in use and replaces a changed
    unused version by a new row), so every instance computes the same and nothing goes stale."""
    rows = Item.objects.filter(questionnaire_id=questionnaire_id).order_by("number")
    return tuple(
        Statement(pk, questionnaire_id, number, text) for pk, number, text in rows.values_list("pk", "number", "text")
    )


@lru_cache(maxsize=1024)
def questionnaire_of_statement(item_id: int) -> int:
    """The questionnaire a statement belongs to: never changes, so kept in each process's memory."""
    return Item.objects.values_list("questionnaire_id", flat=True).get(pk=item_id)
