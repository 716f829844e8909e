import re
from pathlib import Path

import yaml

from bestuursspiegel.knowledge.sources import SOURCES_FILE, cite, documents

REPO = Path(__file__).resolve().parents[4]
DATA = REPO / "src" / "bestuursspiegel" / "knowledge" / "data"
FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def test_every_source_file_is_a_known_document_with_a_title():
    referenced = set()
    for path in [*DATA.glob("*.yaml"), *(REPO / "src").rglob("*.html")]:
        referenced |= set(FILE_NAME.findall(path.read_text(encoding="utf-8")))
    known = documents()
    assert referenced and referenced <= set(known)
    for document in known.values():
        assert (REPO / "sources" / document.file).exists() and document.title


def test_a_citation_names_the_document_not_the_file():
    text = cite("003_b4a8793f905344a2.txt", "Bijlage 2")
    assert text == "Ruimte in regels (Berenschot, met Rob de Greef en Caspar van den Berg), “Bijlage 2”"
    assert not FILE_NAME.search(cite("000_96ea5987c73d203b.txt", "Fase 1", "Fase 2"))
    assert cite("999_onbekend.txt") == "999_onbekend.txt"  # never hidden


def test_years_and_titles_are_only_what_the_documents_state():
    """No invented facts: a year is given only where the document gives one (none of them do)."""
    entries = yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))["sources"]
    assert all(entry["year"] is None for entry in entries)
    for entry in entries:
        if entry["title_given"]:
            text = (REPO / "sources" / entry["file"]).read_text(encoding="utf-8").lower()
            first_words = entry["title"].split(":")[0].lower()
            assert first_words.replace("„", "").split()[0] in text
