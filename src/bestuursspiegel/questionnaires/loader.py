"""Load questionnaire versions from `data/*.yaml` into the database, idempotently.

The files are the truth; the database is a copy. A version that a meting already uses is
immutable: a changed file for it is refused, so a meting keeps exactly what it asked.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction

from .constants import Direction
from .models import Item, Questionnaire, Section

DATA_DIR = Path(__file__).resolve().parent / "data"


class ContentError(Exception):
    """A data file is malformed, or would change a version that is in use."""


@dataclass(frozen=True)
class LoadResult:
    questionnaire: Questionnaire
    status: str  # "created", "unchanged" or "updated"


def _require(mapping: dict, key: str, where: str):
    value = mapping.get(key)
    if value in (None, "", []):
        raise ContentError(f"{where}: '{key}' is missing")
    return value


def parse_questionnaire(data: dict, where: str = "questionnaire") -> dict:
    """Validate the structure and return it in the canonical form used for comparison."""
    source = _require(data, "source", where)
    parsed = {
        "slug": str(_require(data, "slug", where)),
        "version": int(_require(data, "version", where)),
        "title": str(_require(data, "title", where)),
        "source_file": str(_require(source, "file", f"{where}.source")),
        "source_section": str(_require(source, "section", f"{where}.source")),
        "sections": [],
    }
    codes = set()
    for section in _require(data, "sections", where):
        items = []
        for item in _require(section, "items", f"{where}.{section.get('code')}"):
            code = str(_require(item, "code", where))
            if code in codes:
                raise ContentError(f"{where}: item code '{code}' is used twice")
            codes.add(code)
            direction = _require(item, "direction", code)
            if direction not in Direction.values:
                raise ContentError(f"{code}: direction must be one of {Direction.values}")
            items.append(
                {"code": code, "text": " ".join(str(_require(item, "text", code)).split()), "direction": direction}
            )
        parsed["sections"].append(
            {
                "code": str(_require(section, "code", where)),
                "title": str(_require(section, "title", where)),
                "items": items,
            }
        )
    return parsed


def serialise_questionnaire(questionnaire: Questionnaire) -> dict:
    """The database copy in the same canonical form as `parse_questionnaire`."""
    sections = []
    for section in questionnaire.sections.order_by("order"):
        items = [
            {"code": item.code, "text": item.text, "direction": item.direction}
            for item in section.items.order_by("number")
        ]
        sections.append({"code": section.code, "title": section.title, "items": items})
    return {
        "slug": questionnaire.slug,
        "version": questionnaire.version,
        "title": questionnaire.title,
        "source_file": questionnaire.source_file,
        "source_section": questionnaire.source_section,
        "sections": sections,
    }


def _write_structure(questionnaire: Questionnaire, parsed: dict) -> None:
    questionnaire.sections.all().delete()
    number = 0
    for order, section_data in enumerate(parsed["sections"], start=1):
        section = Section.objects.create(
            questionnaire=questionnaire, code=section_data["code"], title=section_data["title"], order=order
        )
        for item in section_data["items"]:
            number += 1
            Item.objects.create(questionnaire=questionnaire, section=section, number=number, **item)


@transaction.atomic
def questionnaire_load(*, data: dict, where: str = "questionnaire") -> LoadResult:
    parsed = parse_questionnaire(data, where)
    fields = {k: parsed[k] for k in ("title", "source_file", "source_section")}
    questionnaire, created = Questionnaire.objects.get_or_create(
        slug=parsed["slug"], version=parsed["version"], defaults=fields
    )
    if created:
        _write_structure(questionnaire, parsed)
        return LoadResult(questionnaire, "created")
    if serialise_questionnaire(questionnaire) == parsed:
        return LoadResult(questionnaire, "unchanged")
    # A version in use anywhere is frozen, so this check deliberately crosses organisations.
    if questionnaire.assessments.unscoped().exists():
        raise ContentError(
            f"{where}: version {parsed['version']} of '{parsed['slug']}' is used by a meting and cannot change; "
            "add a new version file instead"
        )
    # A new row, not new statements under the old one: a row's statements never change, so they may
    # be kept in memory by its key (`services.statement_sequence`).
    questionnaire.delete()
    questionnaire = Questionnaire.objects.create(slug=parsed["slug"], version=parsed["version"], **fields)
    _write_structure(questionnaire, parsed)
    return LoadResult(questionnaire, "updated")


def load_questionnaire_files(directory: Path = DATA_DIR) -> list[LoadResult]:
    results = []
    for path in sorted(directory.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            results.append(questionnaire_load(data=yaml.safe_load(handle), where=path.name))
    return results
