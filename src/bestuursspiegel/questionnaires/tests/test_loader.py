import copy
import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from bestuursspiegel.questionnaires.constants import Direction
from bestuursspiegel.questionnaires.loader import (
    DATA_DIR,
    ContentError,
    load_questionnaire_files,
    questionnaire_load,
)
from bestuursspiegel.questionnaires.models import Item, Questionnaire
from bestuursspiegel.questionnaires.services import questionnaire_current

SOURCE = Path(settings.BASE_DIR) / "sources" / "000_96ea5987c73d203b.txt"


def standard_data():
    with (DATA_DIR / "bestuurscultuur-v1.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def normalise(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.django_db
def test_standard_questionnaire_has_the_guides_19_statements_in_two_sections():
    questionnaire = load_questionnaire_files()[0].questionnaire
    sections = list(questionnaire.sections.order_by("order"))
    assert [s.title for s in sections] == ["Raad", "College van B en W"]
    assert [s.items.count() for s in sections] == [11, 8]
    assert list(questionnaire.items.values_list("number", flat=True)) == list(range(1, 20))


@pytest.mark.django_db
def test_every_statement_is_verbatim_from_the_guide():
    source = normalise(SOURCE.read_text(encoding="utf-8"))
    questionnaire = load_questionnaire_files()[0].questionnaire
    for item in questionnaire.items.all():
        assert item.text in source, f"not verbatim in seed 000: {item.text!r}"


@pytest.mark.django_db
def test_statements_appear_in_the_guides_order():
    source = normalise(SOURCE.read_text(encoding="utf-8"))
    questionnaire = load_questionnaire_files()[0].questionnaire
    positions = [source.index(item.text) for item in questionnaire.items.order_by("number")]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_only_the_content_focused_debate_statement_is_positive():
    questionnaire = load_questionnaire_files()[0].questionnaire
    positive = list(questionnaire.items.filter(direction=Direction.POSITIVE).values_list("text", flat=True))
    assert positive == ["De debatcultuur is erg op de inhoud gericht"]
    item = questionnaire.items.get(text="De debatcultuur is erg op de inhoud gericht")
    assert item.default_acceptable == [1, 2]  # altijd, vaak
    assert questionnaire.items.get(number=1).default_acceptable == [4, 5]  # soms, nooit


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    first = load_questionnaire_files()
    second = load_questionnaire_files()
    assert [r.status for r in first] == ["created"]
    assert [r.status for r in second] == ["unchanged"]
    assert Questionnaire.objects.count() == 1
    assert Item.objects.count() == 19


@pytest.mark.django_db
def test_load_content_command_is_idempotent(capsys):
    call_command("load_content")
    call_command("load_content")
    assert "bestuurscultuur v1: unchanged" in capsys.readouterr().out
    assert Item.objects.count() == 19


@pytest.mark.django_db
def test_unused_version_follows_its_file():
    load_questionnaire_files()
    data = standard_data()
    data["sections"][0]["items"][0]["text"] = "Gewijzigde tekst"
    result = questionnaire_load(data=data)
    assert result.status == "updated"
    assert result.questionnaire.items.get(number=1).text == "Gewijzigde tekst"


@pytest.mark.django_db
def test_a_version_in_use_cannot_change(assessment):
    data = standard_data()
    data["sections"][0]["items"][0]["text"] = "Gewijzigde tekst"
    with pytest.raises(ContentError, match="used by a meting"):
        questionnaire_load(data=data)
    assert assessment.questionnaire.items.get(number=1).text == "Er wordt gestemd langs de lijn coalitie-oppositie"


@pytest.mark.django_db
def test_a_new_version_becomes_current_and_old_metingen_keep_theirs(assessment):
    data = standard_data()
    data["version"] = 2
    data["sections"][0]["items"][0]["text"] = "Tekst van versie 2"
    questionnaire_load(data=data)
    assert questionnaire_current().version == 2
    assessment.refresh_from_db()
    assert assessment.questionnaire.version == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.pop("slug"), "'slug' is missing"),
        (lambda d: d["sections"][0]["items"][0].update(direction="sideways"), "direction must be one of"),
        (lambda d: d["sections"][1]["items"][0].update(code="raad-01"), "used twice"),
        (lambda d: d["sections"][0]["items"][0].update(text=""), "'text' is missing"),
    ],
)
def test_malformed_files_are_refused_with_a_reason(mutate, message):
    data = copy.deepcopy(standard_data())
    mutate(data)
    with pytest.raises(ContentError, match=re.escape(message)):
        questionnaire_load(data=data)
    assert Questionnaire.objects.count() == 0
