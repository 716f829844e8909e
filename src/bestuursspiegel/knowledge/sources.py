"""The source documents as people cite them ("Ruimte in regels (Berenschot …), “Bijlage 2”"), from
`documents.yaml`. The file name stays in the content data; readers see title and maker."""

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from bestuursspiegel.utils.language import Dutch

SOURCES_FILE = Path(__file__).resolve().parent / "documents.yaml"


@dataclass(frozen=True)
class Document:
    file: str
    title: str
    title_given: bool
    publisher: str | None
    year: int | None

    def __str__(self):
        maker = ", ".join(str(part) for part in (self.publisher, self.year) if part)
        return f"{self.title} ({maker})" if maker else self.title


@functools.cache
def documents() -> dict[str, Document]:
    entries = yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))["sources"]
    return {entry["file"]: Document(**entry) for entry in entries}


def cite(file: str, *sections: str) -> Dutch:
    """“Title (maker), “section”, “section”” — unknown files are shown as they are, never hidden."""
    document = documents().get(file)
    parts = [str(document) if document else file, *(f"“{section}”" for section in sections if section)]
    return Dutch(", ".join(parts))
