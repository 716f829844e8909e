"""The shipped content: complete, in the guide's order, and traceable to its source."""

import functools
import re
from pathlib import Path

import pytest
from django.conf import settings

from bestuursspiegel.knowledge import models
from bestuursspiegel.knowledge.loader import read_files
from bestuursspiegel.knowledge.specs import SPECS

SOURCES = Path(settings.BASE_DIR) / "sources"


def normalise(text: str) -> str:
    return " ".join(text.replace("*", "").replace("#", "").split())


@pytest.fixture(scope="module")
def records():
    return read_files()


def test_ladder_has_14_5_3_5_instruments(knowledge):
    counts = {level.slug: level.instruments.count() for level in models.LadderLevel.objects.all()}
    assert counts == {"fase-1": 14, "fase-2": 5, "fase-3": 3, "preventief": 5}
    assert models.Instrument.objects.count() == 27


def test_instruments_are_alphabetical_within_a_level_as_in_the_guide(knowledge):
    phase_3 = list(models.Instrument.objects.filter(level__slug="fase-3").values_list("title", flat=True))
    assert phase_3 == ["Aangifte doen", "CvdK verzoeken om substantiële hulp", "Mediation/bemiddeling"]
    for level in models.LadderLevel.objects.all():
        titles = list(level.instruments.values_list("title", flat=True))
        assert titles == sorted(titles, key=str.lower)


def test_every_instrument_title_appears_in_the_guide():
    guide = normalise((SOURCES / "000_96ea5987c73d203b.txt").read_text(encoding="utf-8"))
    for record in read_files()["instrument"]:
        first_words = " ".join(record["title"].split()[:3])
        assert first_words in guide, record["title"]


def test_every_entry_has_a_source_or_the_project_mark(records):
    for name, entries in records.items():
        for entry in entries:
            assert entry["source_file"] or entry["project_written"], f"{name}: {entry['slug']}"


def test_every_source_reference_points_at_a_real_file_and_section(records):
    texts = {path.name: normalise(path.read_text(encoding="utf-8")) for path in SOURCES.glob("*.txt")}
    for name, entries in records.items():
        for entry in entries:
            if not entry["source_file"]:
                continue
            assert entry["source_file"] in texts, f"{name}: {entry['slug']} cites unknown {entry['source_file']}"
            for section in entry["source_section"].split("; "):
                assert normalise(section) in texts[entry["source_file"]], f"{name}: {entry['slug']}: {section!r}"


def test_catalogue_holds_every_row_of_annex_2(knowledge):
    assert models.SupportOffer.objects.filter(offer_status="existing").count() == 59
    assert models.SupportOffer.objects.filter(offer_status="in_development").count() == 8


def test_bottleneck_taxonomy_has_five_themes_and_eight_wgr_bottlenecks(knowledge):
    themes = models.BottleneckTheme.objects.filter(law="municipalities_act")
    assert themes.count() == 5
    assert [t.bottlenecks.count() for t in themes.order_by("number")] == [5, 3, 6, 4, 4]
    assert models.Bottleneck.objects.filter(theme__law="joint_arrangements_act").count() == 8


def test_case_study_lens_is_complete(knowledge):
    assert models.Pattern.objects.count() == 6
    assert models.Buffer.objects.count() == 6
    assert set(models.RecoveryStep.objects.values_list("slug", flat=True)) >= {
        "begeleidingscommissie-herstel",
        "tijdelijk-meldpunt",
        "terugkerend-agendapunt",
        "onafhankelijk-onderzoek",
        "systeem-openen",
    }


def test_landkaart_has_the_four_stages_in_order(knowledge):
    assert list(models.AwarenessStage.objects.values_list("title", flat=True)) == [
        "Onbewust onbekwaam",
        "Bewust onbekwaam",
        "Bewust bekwaam",
        "Onbewust bekwaam",
    ]


def test_at_least_twenty_dilemmas_written_by_the_project(knowledge):
    dilemmas = models.Dilemma.objects.unscoped().filter(organisation__isnull=True)
    assert dilemmas.count() >= 20
    assert all(d.project_written and d.questions and d.tags for d in dilemmas)


def test_the_named_helpers_are_there_and_linked(knowledge):
    slugs = set(models.Helper.objects.values_list("slug", flat=True))
    assert {"ngb", "cdk", "vng", "bios", "sipa", "weerbaar-bestuur", "huis-voor-klokkenluiders"} <= slugs
    cdk = models.Helper.objects.get(slug="cdk")
    assert cdk.instruments.filter(slug="cdk-verzoeken-om-substantiele-hulp").exists()
    assert models.Helper.objects.get(slug="sipa").measures.exists()


def test_legal_references_of_the_cdk_instrument(knowledge):
    instrument = models.Instrument.objects.get(slug="thematiek-bij-werkbezoek-cdk")
    assert any("182, eerste lid, onder b" in ref for ref in instrument.legal_references)
    assert any("182, eerste lid, onder c" in ref for ref in instrument.legal_references)


def test_specs_cover_every_content_model():
    content_models = {spec.model for spec in SPECS}
    assert content_models == {
        models.LadderLevel,
        models.Instrument,
        models.Helper,
        models.Measure,
        models.Pattern,
        models.Buffer,
        models.RecoveryStep,
        models.AwarenessStage,
        models.SupportOffer,
        models.BottleneckTheme,
        models.Bottleneck,
        models.Dilemma,
        models.StatementGuidance,
        models.AgendaTemplateMoment,
    }


def _plain(text: str) -> str:
    """Compared as words: quotes, dashes, line breaks and capitals do not count."""
    for mark in "“”„\"'‘’":
        text = text.replace(mark, "")
    return normalise(text.replace("-\n", "").replace("­", "")).lower()


@pytest.mark.parametrize("spec_name", ["buffer", "bottleneck"])
def test_sourced_titles_are_the_sources_own_words(records, spec_name):
    """A title from a source is quoted, not improved: "… te kunnen verdiepen" keeps its "kunnen",
    buffer 5 is "Bestuurlijk verantwoordelijkheid nemen" without "in de driehoek"."""
    texts = {path.name: _plain(path.read_text(encoding="utf-8")) for path in SOURCES.glob("*.txt")}
    for entry in records[spec_name]:
        if entry["source_file"] and not entry["project_written"]:
            assert _plain(entry["title"]) in texts[entry["source_file"]], entry["title"]


def test_contact_details_are_only_those_a_source_gives(records):
    """A phone number or website must be written in the cited source; none is marked as checked
    until a person has checked it."""
    texts = {path.name: path.read_text(encoding="utf-8") for path in SOURCES.glob("*.txt")}
    contacts = [c for helper in records["helper"] for c in helper["contacts"]]
    assert {c["kind"] for c in contacts} == {"phone", "website"}
    for contact in contacts:
        text = texts[contact["source"]["file"]]
        bare = contact["value"].removeprefix("https://").removeprefix("http://").rstrip("/")
        assert bare in text, contact["value"]
        assert normalise(contact["source"]["section"]) in normalise(text)
        assert contact["checked_on"] is None


# --- Project text cannot hide inside a sourced field ---------------------------------------------
# The project's own words have their own places: `project_note` (shown apart, marked), whole entries
# marked `project_written`, and a pattern's reflection question (marked on every page that shows it).
# Everything else in a sourced entry must be the source's, which this guard checks per sentence: most
# of its content words must occur in the cited document. A summary in other words passes; a sentence
# the source never says ("Wat hiervan inmiddels wet is, staat niet in deze bron.") does not.
SOURCED_TEXT = (
    "title",
    "summary",
    "body",
    "what",
    "how",
    "support_needs",
    "proposals",
    "solution_directions",
    "support_options",
)
CONTENT_WORD = re.compile(r"[a-zà-ÿ]{5,}")
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
MIN_SHARE = 0.6


@functools.cache
def _document_stems(file: str) -> frozenset:
    text = (SOURCES / file).read_text(encoding="utf-8").lower().replace("-\n", "").replace("­", "")
    return frozenset(word[:5] for word in CONTENT_WORD.findall(text))


def words_not_in_source(sentence: str, files) -> tuple[float, list[str]]:
    """Share of the sentence's content words found in the documents, and the ones not found."""
    stems = frozenset().union(*(_document_stems(f) for f in files))
    found_in = CONTENT_WORD.findall(sentence.lower())
    missing = [w for w in found_in if w[:5] not in stems]
    return (1 - len(missing) / len(found_in) if found_in else 1.0), missing


def _sentences(value):
    for text in value if isinstance(value, list) else [value]:
        yield from (s for s in SENTENCE_END.split(str(text or "")) if len(CONTENT_WORD.findall(s.lower())) >= 3)


def _sourced_texts(records):
    for name, entries in records.items():
        for entry in entries:
            if entry["project_written"] or not entry["source_file"]:
                continue
            files = [entry["source_file"]]
            for passage in entry.get("passages", []):
                files.append(passage["source"]["file"])
                yield f"{name}:{entry['slug']}.passage", passage["text"], [passage["source"]["file"]]
            for field_name in SOURCED_TEXT:
                if field_name in entry:
                    yield f"{name}:{entry['slug']}.{field_name}", entry[field_name], files


def test_every_sentence_of_a_sourced_text_draws_its_words_from_the_cited_document(records):
    strays = []
    for where, value, files in _sourced_texts(records):
        for sentence in _sentences(value):
            share, missing = words_not_in_source(sentence, files)
            if share < MIN_SHARE:
                strays.append(f"{where}: {sentence!r} ({', '.join(missing)})")
    assert not strays, "Project text in a sourced field; move it to project_note:\n" + "\n".join(strays)


@pytest.mark.parametrize(
    ("sentence", "cited"),
    [
        ("Wat hiervan inmiddels wet is, staat niet in deze bron.", "001_82dc770d3caa76c9.txt"),
        ("Zware interventies bij ernstige conflicten of vermoedens van strafbare feiten.", "000_96ea5987c73d203b.txt"),
        ("Het preventieadvies noemt het telefoonnummer 070-3765950.", "002_f94c9563c0c0824b.txt"),
    ],
)
def test_the_guard_catches_sentences_the_project_wrote(sentence, cited):
    """Sentences that once stood inside sourced fields: the check would have refused them."""
    share, missing = words_not_in_source(sentence, [cited])
    assert share < MIN_SHARE, missing


def test_a_helper_is_told_passage_by_passage_each_with_its_source(records):
    texts = {path.name: normalise(path.read_text(encoding="utf-8")) for path in SOURCES.glob("*.txt")}
    for helper in records["helper"]:
        assert not helper["body"], f"{helper['slug']}: a helper's text lives in passages, each with its source"
        for passage in helper["passages"]:
            source = passage["source"]
            for section in source["section"].split("; "):
                assert normalise(section) in texts[source["file"]], f"{helper['slug']}: {section!r}"


def test_a_project_note_is_shown_apart_and_marked(client, knowledge):
    measure = models.Measure.objects.get(slug="wetgeving-bestuurlijke-integriteit")
    assert measure.project_note and measure.project_note not in measure.body
    html = client.get(measure.get_absolute_url()).content.decode()
    note = html[html.index('class="project-note"') :]
    assert measure.project_note in note[: note.index("</aside>")]
    assert "Toelichting van het project" in note
    assert html.index("project-note") > html.index(str(measure.body)[:40])
