"""Load the knowledge base from `data/*.yaml`, idempotently, and export it back.

The files are the truth. `load_knowledge` makes the database equal to them (creating, updating and
deleting shared entries; organisations' private dilemmas are never touched). `export_knowledge`
writes the database back in the same structure, so editors' changes in the admin can be committed.
Both go through one canonical form, which is also what the round-trip test compares.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from ..utils.language import Dutch
from .constants import Status
from .specs import SPECS, Spec

DATA_DIR = Path(__file__).resolve().parent / "data"
BASE_FIELDS = ("title", "summary", "body", "project_note")
DEFAULT_REVIEWED = datetime.date(2026, 11, 22)  # when the project last checked the shipped content


class ContentError(Exception):
    """A data file is malformed, or a link between entries does not resolve."""


@dataclass
class LoadReport:
    created: dict = field(default_factory=lambda: defaultdict(int))
    updated: dict = field(default_factory=lambda: defaultdict(int))
    deleted: dict = field(default_factory=lambda: defaultdict(int))
    unchanged: dict = field(default_factory=lambda: defaultdict(int))

    def lines(self):
        for spec in SPECS:
            yield (
                f"{spec.name}: {self.created[spec.name]} created, {self.updated[spec.name]} updated, "
                f"{self.deleted[spec.name]} deleted, {self.unchanged[spec.name]} unchanged"
            )


def _date(value) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return datetime.date.fromisoformat(str(value)).isoformat()


def canonical_record(spec: Spec, raw: dict, *, defaults: dict, where: str) -> dict:
    """One entry in the form both the files and the database are compared in."""
    if not isinstance(raw, dict) or not isinstance(defaults, dict):
        raise ContentError(f"{where}: every entry and the defaults must be a mapping")
    try:
        return _canonical_record(spec, raw, defaults=defaults, where=where)
    except (TypeError, ValueError, AttributeError) as exc:  # a value of the wrong type in the file
        raise ContentError(f"{where}: {raw.get('slug')!r} has a value of the wrong type ({exc})") from exc


def _canonical_record(spec: Spec, raw: dict, *, defaults: dict, where: str) -> dict:
    data = {**defaults, **raw}
    for yaml_key, field_name in spec.renames.items():
        if yaml_key in data:
            data[field_name] = data.pop(yaml_key)
    slug = str(data.get("slug") or "")
    if not slug or not data.get("title"):
        raise ContentError(f"{where}: every entry needs a slug and a title ({slug or data.get('title')!r})")
    source = data.get(spec.source_key) or {}
    record = {
        "slug": slug,
        "title": str(data["title"]).strip(),
        "summary": str(data.get("summary") or "").strip(),
        "body": str(data.get("body") or "").strip(),
        "project_note": str(data.get("project_note") or "").strip(),
        "source_file": str(source.get("file") or ""),
        "source_section": str(source.get("section") or ""),
        "project_written": bool(data.get("project_written", spec.project_written_default)),
        "status": str(data.get("publication") or Status.PUBLISHED),
        "last_reviewed": _date(data.get("last_reviewed") or defaults.get("last_reviewed") or DEFAULT_REVIEWED),
    }
    if not record["source_file"] and not record["project_written"]:
        raise ContentError(f"{where}: {slug} has no source and is not marked as written by the project")
    if record["project_note"] and record["project_written"]:
        raise ContentError(
            f"{where}: {slug} is written by the project as a whole; a separate project note is for sourced entries"
        )
    if record["status"] not in Status.values:
        raise ContentError(f"{where}: {slug} has an unknown publication status {record['status']!r}")
    for name in spec.fields:
        if name not in data:
            raise ContentError(f"{where}: {slug} lacks '{name}'")
        record[name] = data[name]
    if "passages" in record:
        _check_passages(record["passages"], where=f"{where}: {slug}")
    for name in spec.foreign_keys:
        record[name] = str(data.get(name) or "")
    for name in spec.many_to_many:
        record[name] = sorted(str(s) for s in data.get(name) or [])
    return record


def _check_passages(passages, *, where: str) -> None:
    """Every passage is the source's, and says which: text and a source file with its section."""
    if not isinstance(passages, list) or not passages:
        raise ContentError(f"{where}: passages must be a non-empty list")
    for passage in passages:
        source = passage.get("source") if isinstance(passage, dict) else None
        if not isinstance(source, dict) or not str(passage.get("text") or "").strip():
            raise ContentError(f"{where}: every passage needs text and a source")
        if not source.get("file") or not source.get("section"):
            raise ContentError(f"{where}: every passage's source needs a file and a section")
        if set(passage) != {"text", "source"}:
            raise ContentError(f"{where}: a passage holds only text and source ({sorted(passage)})")


def read_files(directory: Path = DATA_DIR) -> dict[str, list[dict]]:
    """Parse every data file into canonical records, keyed by model name."""
    parsed: dict[str, dict] = {}
    records = {}
    for spec in SPECS:
        if spec.file not in parsed:
            path = directory / spec.file
            if not path.exists():
                raise ContentError(f"{spec.file} is missing")
            try:
                parsed[spec.file] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except yaml.YAMLError as exc:
                raise ContentError(f"{spec.file}: not valid YAML: {exc}") from exc
        content = parsed[spec.file]
        if not isinstance(content, dict):
            raise ContentError(f"{spec.file}: a mapping is expected at the top")
        defaults = content.get("defaults") or {}
        where = f"{spec.file}:{spec.key}"
        items = content.get(spec.key)
        if not isinstance(items, list):
            raise ContentError(f"{where}: a list is expected")
        records[spec.name] = [canonical_record(spec, item, defaults=defaults, where=where) for item in items]
        slugs = [r["slug"] for r in records[spec.name]]
        duplicates = sorted({s for s in slugs if slugs.count(s) > 1})
        if duplicates:
            raise ContentError(f"{where}: slugs used twice: {', '.join(duplicates)}")
    return records


def _shared(spec: Spec):
    queryset = spec.model.objects.all()
    if spec.name == "dilemma":
        queryset = queryset.filter(organisation__isnull=True)
    return queryset


def database_record(spec: Spec, obj) -> dict:
    record = {
        "slug": obj.slug,
        "title": obj.title,
        "summary": obj.summary,
        "body": obj.body,
        "project_note": obj.project_note,
        "source_file": obj.source_file,
        "source_section": obj.source_section,
        "project_written": obj.project_written,
        "status": obj.status,
        "last_reviewed": obj.last_reviewed.isoformat(),
    }
    for name in spec.fields:
        record[name] = getattr(obj, name)
    for name in spec.foreign_keys:
        record[name] = getattr(obj, name).slug
    for name in spec.many_to_many:
        record[name] = sorted(getattr(obj, name).values_list("slug", flat=True))
    return record


def read_database() -> dict[str, list[dict]]:
    return {spec.name: [database_record(spec, obj) for obj in _shared(spec).order_by("pk")] for spec in SPECS}


def _resolve(model, slug: str, where: str):
    obj = model.objects.filter(slug=slug).first()
    if obj is None:
        raise ContentError(f"{where}: link to unknown {model._meta.model_name} '{slug}'")
    return obj


@transaction.atomic
def load_knowledge(directory: Path = DATA_DIR) -> LoadReport:
    records = read_files(directory)
    report = LoadReport()
    pending_links = []
    for spec in SPECS:
        existing = {obj.slug: obj for obj in _shared(spec)}
        wanted = {r["slug"] for r in records[spec.name]}
        for record in records[spec.name]:
            obj = existing.get(record["slug"])
            if obj is not None and database_record(spec, obj) == record:
                report.unchanged[spec.name] += 1
                continue
            values = {k: v for k, v in record.items() if k not in spec.many_to_many and k not in spec.foreign_keys}
            values["last_reviewed"] = datetime.date.fromisoformat(record["last_reviewed"])
            for name, model in spec.foreign_keys.items():
                values[name] = _resolve(model, record[name], f"{spec.file}:{record['slug']}")
            if obj is None:
                obj = spec.model.objects.create(**values)
                report.created[spec.name] += 1
            else:
                for name, value in values.items():
                    setattr(obj, name, value)
                obj.save()
                report.updated[spec.name] += 1
            if spec.many_to_many:
                pending_links.append((spec, obj, record))
        for slug, obj in existing.items():
            if slug not in wanted:
                obj.delete()
                report.deleted[spec.name] += 1
    for spec, obj, record in pending_links:
        for name, model in spec.many_to_many.items():
            targets = [_resolve(model, slug, f"{spec.file}:{record['slug']}") for slug in record[name]]
            getattr(obj, name).set(targets)
    from .search import search_index_rebuild  # late import: search depends on the loaded content

    search_index_rebuild()
    return report


def _export_entry(spec: Spec, record: dict) -> dict:
    out = {"slug": record["slug"], "title": record["title"]}
    for key in ("summary", "body", "project_note"):
        if record[key]:
            out[key] = record[key]
    inverse = {v: k for k, v in spec.renames.items()}
    for name in (*spec.fields, *spec.foreign_keys, *spec.many_to_many):
        out[inverse.get(name, name)] = record[name]
    if "body" in inverse and "body" in out:
        out[inverse["body"]] = out.pop("body")
    if record["source_file"]:
        out[spec.source_key] = {"file": record["source_file"], "section": record["source_section"]}
    if record["project_written"] != spec.project_written_default:
        out["project_written"] = record["project_written"]
    if record["status"] != Status.PUBLISHED:
        out["publication"] = record["status"]
    out["last_reviewed"] = record["last_reviewed"]
    return out


class _ContentDumper(yaml.SafeDumper):
    """Safe YAML that writes the `Dutch` strings the models return as plain strings."""


_ContentDumper.add_representer(Dutch, yaml.representer.SafeRepresenter.represent_str)


def export_knowledge(directory: Path = DATA_DIR) -> list[Path]:
    """Write the database's shared content back to the data files."""
    records = read_database()
    files: dict[str, dict] = defaultdict(dict)
    for spec in SPECS:
        files[spec.file][spec.key] = [_export_entry(spec, r) for r in sorted(records[spec.name], key=_order_key)]
    written = []
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = directory / name
        header = "# Exported from the database with `manage.py export_content`; edit here or in the admin.\n"
        path.write_text(
            header + yaml.dump(content, Dumper=_ContentDumper, allow_unicode=True, sort_keys=False, width=110),
            encoding="utf-8",
        )
        written.append(path)
    return written


def _order_key(record: dict):
    return (record.get("order", record.get("number", 0)) or 0, record["slug"])
