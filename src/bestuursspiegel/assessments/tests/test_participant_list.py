import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from bestuursspiegel.assessments.constants import ParticipantRole
from bestuursspiegel.assessments.participant_list import MAX_LINES, parse_participant_list


def parse(text, default_role=ParticipantRole.COUNCILLOR):
    with translation.override("nl"):
        return parse_participant_list(text, default_role=default_role)


def messages(text):
    with pytest.raises(ValidationError) as caught:
        parse(text)
    return caught.value.messages


def test_semicolon_comma_and_tab_separated_lines():
    people = parse(
        "Anna de Vries; anna@example.org; wethouder\n"
        "Bram Jansen, bram@example.org, griffier\n"
        "Cor Bakker\tcor@example.org\tGemeentesecretaris\n"
    )
    assert [(p.name, p.email, p.role) for p in people] == [
        ("Anna de Vries", "anna@example.org", ParticipantRole.ALDERMAN),
        ("Bram Jansen", "bram@example.org", ParticipantRole.CLERK),
        ("Cor Bakker", "cor@example.org", ParticipantRole.SECRETARY),
    ]


def test_email_and_role_are_optional_and_blank_lines_ignored():
    people = parse("Anna de Vries\n\n   \nBram Jansen; ; burgemeester", default_role=ParticipantRole.OFFICIAL)
    assert [(p.name, p.email, p.role) for p in people] == [
        ("Anna de Vries", "", ParticipantRole.OFFICIAL),
        ("Bram Jansen", "", ParticipantRole.MAYOR),
    ]


def test_english_role_names_are_understood_too():
    assert parse("Anna; ; council member")[0].role == ParticipantRole.COUNCILLOR


def test_errors_name_every_bad_line_in_dutch_and_nothing_is_returned():
    with translation.override("nl"):
        errors = messages(
            "Anna; geen-adres; raadslid\n; b@example.org\nCor; c@example.org; koning\nDirk; d@example.org"
        )
    assert errors == [
        "Regel 1: 'geen-adres' is geen geldig e-mailadres.",
        "Regel 2: de naam ontbreekt.",
        "Regel 3: onbekende rol 'koning'.",
    ]


def test_duplicate_addresses_in_one_list_are_refused():
    with translation.override("nl"):
        assert messages("A; x@example.org\nB; X@example.org") == ["Regel 2: 'X@example.org' staat er twee keer in."]


def test_empty_and_oversized_lists_are_refused():
    with translation.override("nl"):
        assert messages("  \n ") == ["De lijst is leeg."]
        assert messages("x\n" * (MAX_LINES + 1)) == [f"Voeg maximaal {MAX_LINES} deelnemers tegelijk toe."]


def test_too_many_parts_is_an_error():
    with translation.override("nl"):
        assert messages("A; a@example.org; raadslid; extra") == [
            "Regel 1: gebruik maximaal drie delen: naam; e-mailadres; rol."
        ]
