"""The knowledge app's public face for other apps."""

from django.db import transaction
from django.utils.text import slugify

from bestuursspiegel.audit.services import audit_record

from .models import Dilemma
from .search import search_index_rebuild


@transaction.atomic
def dilemma_create_private(*, organisation, actor, title: str, situation: str, questions: list[str], tags: list[str]):
    """An organisation's own dilemma: visible to its members only, never indexed for search."""
    base = slugify(title)[:100] or "dilemma"
    slug, counter = base, 1
    while Dilemma.objects.filter(organisation=organisation, slug=slug).exists():
        counter += 1
        slug = f"{base}-{counter}"
    dilemma = Dilemma.objects.create(
        organisation=organisation,
        slug=slug,
        title=title,
        body=situation,
        questions=[q.strip() for q in questions if q.strip()],
        tags=[t.strip() for t in tags if t.strip()],
        project_written=False,
        source_file="",
        source_section="",
    )
    audit_record(actor=actor, action="dilemma.create", organisation=organisation, target=dilemma)
    return dilemma


def content_changed() -> None:
    """Call after editors change published content, so search sees it."""
    search_index_rebuild()
