"""Full-text search in Dutch over the published knowledge base.

PostgreSQL: the built-in `dutch` text-search configuration with prefix queries (so "rekenkamer"
also finds "rekenkamerfunctie"), ranked with title above text. SQLite: an FTS5 table filled with
words stemmed by the Snowball Dutch stemmer, queried the same way and ranked with bm25. The two
stemmers differ in detail; the tests run the same queries on both.
"""

import re
from dataclasses import dataclass
from functools import cache

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F

from bestuursspiegel.utils.language import Dutch

from . import models

FTS_TABLE = "knowledge_search_fts"
WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8

# What is searchable, and which fields make up its text (besides title, summary and body).
INDEXED = {
    models.Instrument: ("what", "how", "legal_references", "more_info"),
    models.Helper: ("abbreviation", "passages"),
    models.Measure: (),
    models.Pattern: ("question",),
    models.Buffer: (),
    models.RecoveryStep: (),
    models.AwarenessStage: (),
    models.LadderLevel: (),
    models.SupportOffer: ("theme", "category", "target_groups", "providers", "support_type", "year"),
    models.BottleneckTheme: (),
    models.Bottleneck: ("support_needs", "proposals", "solution_directions", "support_options"),
    models.Dilemma: ("questions", "tags"),
}


@dataclass(frozen=True)
class SearchHit:
    kind: str
    object_id: int
    title: str
    url: str
    rank: float

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


KIND_LABELS = {model._meta.model_name: model._meta.verbose_name for model in INDEXED}


@cache
def _stemmer():
    return snowballstemmer.stemmer("dutch")


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text or "")]


def terms(query: str) -> list[str]:
    return words(query)[:MAX_TERMS]


def stem_text(text: str) -> str:
    return " ".join(_stemmer().stemWords(words(text)))


def _flatten(value) -> str:
    if isinstance(value, list | tuple):
        return " ".join(_flatten(v) for v in value)
    if isinstance(value, dict):  # a helper's passage: its text, not its source reference
        return str(value.get("text") or "")
    return str(value or "")


def _indexed_objects():
    for model, fields in INDEXED.items():
        queryset = model.objects.published()
        if model is models.Dilemma:
            queryset = queryset.filter(organisation__isnull=True)  # private dilemmas stay private
        for obj in queryset:
            text = " ".join(_flatten(getattr(obj, name)) for name in ("summary", "body", *fields))
            yield model._meta.model_name, obj, text


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


@transaction.atomic
def search_index_rebuild() -> int:
    """Rebuild the whole index from the published entries (small: a few hundred rows)."""
    models.SearchEntry.objects.all().delete()
    entries = models.SearchEntry.objects.bulk_create(
        models.SearchEntry(kind=kind, object_id=obj.pk, title=obj.title, text=text, url=obj.get_absolute_url())
        for kind, obj, text in _indexed_objects()
    )
    if _is_sqlite():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608 - constant table name
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (%s, %s, %s)",  # noqa: S608
                [(e.pk, stem_text(e.title), stem_text(e.text)) for e in models.SearchEntry.objects.all()],
            )
    return len(entries)


def search(query: str, *, kinds: tuple[str, ...] = (), limit: int = 50) -> list[SearchHit]:
    query_terms = terms(query)
    if not query_terms:
        return []
    search_backend = _search_sqlite if _is_sqlite() else _search_postgres
    rows = search_backend(query_terms, limit * 4)
    hits = [SearchHit(kind=r[0], object_id=r[1], title=Dutch(r[2]), url=r[3], rank=float(r[4])) for r in rows]
    if kinds:
        hits = [h for h in hits if h.kind in kinds]
    return hits[:limit]


def _search_sqlite(query_terms: list[str], limit: int):
    stems = _stemmer().stemWords(query_terms)
    match = " AND ".join(f'"{s}"*' for s in stems)
    sql = (
        f"SELECT e.kind, e.object_id, e.title, e.url, -bm25({FTS_TABLE}, 5.0, 1.0) AS rank "  # noqa: S608
        f"FROM {FTS_TABLE} JOIN knowledge_searchentry e ON e.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s ORDER BY rank DESC, e.title LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, limit])
        return cursor.fetchall()


def _search_postgres(query_terms: list[str], limit: int):
    raw = " & ".join(f"{t}:*" for t in query_terms)
    query = SearchQuery(raw, search_type="raw", config="dutch")
    vector = SearchVector("title", weight="A", config="dutch") + SearchVector("text", weight="B", config="dutch")
    return (
        models.SearchEntry.objects.annotate(document=vector, rank=SearchRank(vector, query))
        .filter(document=query)
        .order_by(-F("rank"), "title")
        .values_list("kind", "object_id", "title", "url", "rank")[:limit]
    )
