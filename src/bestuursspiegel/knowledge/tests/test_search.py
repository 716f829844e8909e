"""Real queries a mayor or griffier would type, on whichever database the suite runs."""

import pytest

from bestuursspiegel.knowledge import models
from bestuursspiegel.knowledge.search import search
from bestuursspiegel.knowledge.selectors import catalogue


def test_gedragscode_finds_the_instrument_the_measure_and_the_model_code(knowledge):
    hits = search("gedragscode")
    top = {(h.kind, h.title) for h in hits[:8]}
    assert ("instrument", "Gedragscode ontwikkelen/verbeteren") in top
    assert ("measure", "Actualiseer geregeld de gemeentelijke gedragscode") in top
    assert ("supportoffer", "Model gedragscode integriteit (nieuw)") in top


def test_rekenkamer_finds_both_rekenkamer_offers_first(knowledge):
    offers = [o.slug for o in catalogue(query="rekenkamer")]
    assert set(offers[:2]) == {"handreiking-lokale-rekenkamer", "inspiratiekaders-lokale-rekenkamer"}


def test_participatie_finds_the_participation_offers(knowledge):
    offers = catalogue(query="participatie")
    assert len(offers) >= 8
    assert sum(o.theme == "Participatie" for o in offers[:8]) >= 6


def test_vertrouwenspersoon_finds_helper_buffer_and_measure(knowledge):
    titles = [h.title for h in search("vertrouwenspersoon")[:6]]
    assert "Vertrouwenspersoon" in titles
    assert "Stel een vertrouwenspersoon aan voor raad en college" in titles
    assert "Vertrouwenspersonen, die zich laten vinden en vertrouwen genieten" in titles


def test_stemming_finds_inflected_forms(knowledge):
    # "vertrouwenspersonen" (plural) still finds the singular helper
    assert "Vertrouwenspersoon" in [h.title for h in search("vertrouwenspersonen")]


def test_all_words_must_match_and_unknown_words_find_nothing(knowledge):
    assert search("rekenkamer participatie") == []
    assert search("xylofoonconcert") == []
    assert search("   ") == []
    assert search("'; DROP TABLE knowledge_searchentry; --") == []


def test_drafts_and_private_dilemmas_are_not_searchable(knowledge, organisation, facilitator):
    from bestuursspiegel.knowledge.search import search_index_rebuild
    from bestuursspiegel.knowledge.services import dilemma_create_private

    models.Instrument.objects.filter(slug="heidag-organiseren").update(status="draft")
    dilemma_create_private(
        organisation=organisation,
        actor=facilitator,
        title="Geheime wethouderskwestie",
        situation="x",
        questions=[],
        tags=[],
    )
    search_index_rebuild()
    assert not [h for h in search("heidag") if h.kind == "instrument"]
    assert search("wethouderskwestie") == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Commissaris van de Koning", "Commissaris van de Koning (CvdK) en kabinetschef"),
        ("mediation", "Mediation/bemiddeling"),
        ("intervisie", "Intervisie met andere burgemeesters"),
    ],
)
def test_more_real_queries_put_the_obvious_entry_on_top(knowledge, query, expected):
    assert expected in [h.title for h in search(query)[:3]]
