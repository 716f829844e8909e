import shutil

import pytest
import yaml
from django.core.management import call_command

from bestuursspiegel.knowledge import models
from bestuursspiegel.knowledge.loader import (
    DATA_DIR,
    ContentError,
    export_knowledge,
    load_knowledge,
    read_database,
    read_files,
)
from bestuursspiegel.knowledge.services import dilemma_create_private


def by_slug(records):
    return {name: {r["slug"]: r for r in entries} for name, entries in records.items()}


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit(path, change):
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_loading_twice_changes_nothing(knowledge):
    history_before = models.Instrument.history.count()
    second = load_knowledge()
    assert sum(second.created.values()) == sum(second.updated.values()) == sum(second.deleted.values()) == 0
    assert models.Instrument.history.count() == history_before  # no new versions either


def test_database_equals_the_files_after_loading(knowledge):
    assert by_slug(read_database()) == by_slug(read_files())


def test_export_then_load_is_a_round_trip(knowledge, tmp_path):
    instrument = models.Instrument.objects.get(slug="heidag-organiseren")
    instrument.how = "Aangepast door een redacteur."
    instrument.status = "draft"
    instrument.save()
    before = by_slug(read_database())
    export_knowledge(tmp_path)
    assert by_slug(read_files(tmp_path)) == before
    load_knowledge(tmp_path)
    assert by_slug(read_database()) == before


def test_export_command_writes_every_data_file(knowledge, tmp_path):
    call_command("export_content", directory=tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == sorted(p.name for p in DATA_DIR.glob("*.yaml"))


def test_a_changed_file_updates_and_a_removed_entry_is_deleted(knowledge, data_copy):
    def change(content):
        content["dilemmas"][0]["title"] = "Nieuwe titel"
        del content["dilemmas"][1]

    edit(data_copy / "dilemmas.yaml", change)
    report = load_knowledge(data_copy)
    assert report.updated["dilemma"] == 1 and report.deleted["dilemma"] == 1
    assert models.Dilemma.objects.unscoped().filter(title="Nieuwe titel").exists()


def test_private_dilemmas_survive_a_reload(knowledge, organisation, facilitator):
    own = dilemma_create_private(
        organisation=organisation, actor=facilitator, title="Ons dilemma", situation="x", questions=[], tags=[]
    )
    load_knowledge()
    assert models.Dilemma.objects.unscoped().filter(pk=own.pk).exists()


def test_a_link_to_an_unknown_entry_is_refused_and_nothing_changes(knowledge, data_copy):
    edit(data_copy / "ladder.yaml", lambda c: c["instruments"][0].update(helpers=["bestaat-niet"]))
    with pytest.raises(ContentError, match="bestaat-niet"):
        load_knowledge(data_copy)
    assert by_slug(read_database()) == by_slug(read_files())


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda c: c["instruments"][0].pop("source"), "no source"),
        (lambda c: c["instruments"][0].pop("what"), "lacks 'what'"),
        (lambda c: c["instruments"].append(dict(c["instruments"][0])), "slugs used twice"),
        (lambda c: c["instruments"][0].update(publication="half"), "unknown publication status"),
    ],
)
def test_malformed_content_is_refused_with_a_reason(db, data_copy, change, message):
    edit(data_copy / "ladder.yaml", change)
    with pytest.raises(ContentError, match=message):
        load_knowledge(data_copy)
    assert not models.Instrument.objects.exists()


def test_invalid_yaml_is_a_content_error(db, data_copy):
    (data_copy / "helpers.yaml").write_text("helpers: [unclosed", encoding="utf-8")
    with pytest.raises(ContentError, match="not valid YAML"):
        load_knowledge(data_copy)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda c: c["helpers"][0]["passages"][0].pop("source"), "every passage needs text and a source"),
        (lambda c: c["helpers"][0]["passages"][0]["source"].pop("section"), "needs a file and a section"),
        (lambda c: c["helpers"][0]["passages"][0].update(note="eigen zin"), "only text and source"),
        (lambda c: c["helpers"][0].update(passages=[]), "non-empty list"),
        (lambda c: c["helpers"][0].update(project_written=True, project_note="eigen zin"), "separate project note"),
    ],
)
def test_a_helper_passage_without_its_source_is_refused(db, data_copy, change, message):
    """Text in a sourced entry always says where it comes from; the project's own words go elsewhere."""
    edit(data_copy / "helpers.yaml", change)
    with pytest.raises(ContentError, match=message):
        load_knowledge(data_copy)
    assert not models.Helper.objects.exists()
