"""Property-based fuzzing of every form and import parser: more than 10,000 generated inputs in
all, no server error, and every rejection a message (in Dutch) rather than an exception."""

import json

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bestuursspiegel.assessments.forms import AssessmentForm, BulkParticipantsForm, NormsForm, ParticipantForm
from bestuursspiegel.assessments.participant_list import parse_participant_list
from bestuursspiegel.knowledge.forms import CatalogueFilterForm, DilemmaForm, SearchForm
from bestuursspiegel.knowledge.loader import ContentError, canonical_record
from bestuursspiegel.knowledge.search import search
from bestuursspiegel.knowledge.specs import SPECS
from bestuursspiegel.organisations.backup import BackupError, organisation_import
from bestuursspiegel.plans.forms import ActionForm, AgendaForm
from bestuursspiegel.reports.forms import PaperForm
from bestuursspiegel.responses.services import clean_answer
from bestuursspiegel.responses.tests.helpers import invite

FAST = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
text = st.text(max_size=300)
lines = st.lists(
    st.one_of(
        text, st.from_regex(r"[A-Za-zé ]{1,30}; [a-z]{1,10}@[a-z]{1,8}\.nl; (raadslid|wethouder|x)", fullmatch=True)
    ),
    max_size=20,
)
form_values = st.one_of(
    text,
    st.integers(-10, 10).map(str),
    st.sampled_from(["", "0", "1", "5", "6", "ja", "nee", "2026-13-40", "2027-02-01"]),
)


def messages_of(form):
    return [str(m) for errors in form.errors.values() for m in errors]


@settings(max_examples=3000, **FAST)
@given(lines=lines)
def test_participant_list_parser(lines):
    try:
        people = parse_participant_list("\n".join(lines), default_role="councillor")
    except ValidationError as error:
        assert error.messages and all(isinstance(m, str) and m for m in error.messages)
    else:
        assert all(p.name for p in people)


@settings(max_examples=2500, **FAST)
@given(
    value=st.one_of(st.none(), st.integers(), st.text(max_size=10), st.floats(allow_nan=True)),
    example=st.text(max_size=2100),
)
def test_answer_cleaning(value, example):
    try:
        number, cleaned = clean_answer(value=value, example=example)
    except ValidationError as error:
        assert error.messages
    else:
        assert 0 <= number <= 5 and len(cleaned) <= 2000


@pytest.mark.django_db
@settings(max_examples=1000, **FAST)
@given(query=st.text(max_size=200))
def test_search_accepts_any_text(query):
    assert isinstance(search(query), list)


@pytest.mark.django_db
@settings(max_examples=1000, **FAST)
@given(
    data=st.dictionaries(st.sampled_from(["q", "theme", "target", "provider", "type", "status", "year"]), form_values)
)
def test_catalogue_filter_form(data):
    form = CatalogueFilterForm(
        data,
        options={
            "theme": ["Participatie"],
            "target": ["Raadsleden"],
            "provider": ["VNG"],
            "type": ["Handreiking"],
            "year": ["2019"],
        },
    )
    assert form.is_valid() or messages_of(form)
    assert SearchForm({"q": data.get("q", "")}).is_valid() in (True, False)


@settings(max_examples=500, **FAST)
@given(
    data=st.dictionaries(
        st.sampled_from(
            ["title", "run_by", "introduction", "mode", "anonymity_threshold", "include_patterns", "organisation"]
        ),
        form_values,
    )
)
def test_assessment_form(organisation, data):
    from bestuursspiegel.organisations.models import Organisation

    form = AssessmentForm(data, organisations=Organisation.objects.all())
    assert form.is_valid() or messages_of(form)


@settings(max_examples=500, **FAST)
@given(
    data=st.dictionaries(
        st.sampled_from(["name", "email", "role", "send_email", "people", "default_role"]), form_values
    )
)
def test_participant_forms(db, data):
    for form in (ParticipantForm(data), BulkParticipantsForm(data)):
        assert form.is_valid() or messages_of(form)


@settings(max_examples=400, **FAST)
@given(
    values=st.dictionaries(
        st.integers(0, 25).map(lambda n: f"item_{n}"), st.lists(form_values, max_size=6), max_size=25
    ),
    extra=st.dictionaries(
        st.sampled_from(["norm_min_share", "phase1_min_outside", "phase2_min_outside", "reason"]), form_values
    ),
)
def test_norms_form(assessment, values, extra):
    from django.utils.datastructures import MultiValueDict

    data = MultiValueDict({**values, **{k: [v] for k, v in extra.items()}})
    form = NormsForm(data, norms=assessment.norms.select_related("item"))
    assert form.is_valid() or messages_of(form)


@settings(max_examples=400, **FAST)
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "title",
                "owner",
                "owner_email",
                "due_date",
                "status",
                "notes",
                "links",
                "term_start",
                "organisation",
                "situation",
                "questions",
                "tags",
            ]
        ),
        form_values,
    )
)
def test_plan_and_dilemma_forms(assessment, data):
    from bestuursspiegel.organisations.models import Organisation

    organisations = Organisation.objects.all()
    for form in (
        ActionForm(data, assessment=assessment),
        AgendaForm(data, organisations=organisations),
        DilemmaForm(data, organisations=organisations),
    ):
        assert form.is_valid() or messages_of(form)


@settings(max_examples=300, **FAST)
@given(
    data=st.dictionaries(
        st.one_of(st.sampled_from(["form_id", "role"]), st.integers(0, 40).map(lambda n: f"item_{n}")), form_values
    )
)
def test_paper_form(assessment, data):
    form = PaperForm(data, items=assessment.questionnaire.items.all(), patterns=[])
    assert form.is_valid() or messages_of(form)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.django_db
@settings(max_examples=400, **FAST)
@given(
    data=st.one_of(
        json_values,
        st.fixed_dictionaries(
            {"format": st.just(1), "organisation": json_values, "members": json_values, "assessments": json_values}
        ),
    )
)
def test_backup_import_parser(data):
    try:
        organisation_import(json.loads(json.dumps(data)))
    except BackupError as error:
        assert str(error)


@settings(max_examples=400, **FAST)
@given(
    raw=st.dictionaries(
        st.sampled_from(
            [
                "slug",
                "title",
                "summary",
                "body",
                "source",
                "project_written",
                "publication",
                "what",
                "how",
                "level",
                "helpers",
                "last_reviewed",
            ]
        ),
        json_values,
    )
)
def test_knowledge_content_parser(raw):
    spec = next(s for s in SPECS if s.name == "instrument")
    try:
        canonical_record(spec, raw, defaults={}, where="fuzz")
    except ContentError as error:
        assert str(error)


@pytest.mark.django_db
@settings(max_examples=300, **FAST)
@given(
    value=form_values,
    example=st.text(max_size=2500),
    go=st.sampled_from(["next", "previous", "overview", "x"]),
    number=st.integers(1, 19),
)
def test_answer_pages_never_fail(client, running, facilitator, value, example, go, number):
    [invitation] = invite(running, facilitator, 1)
    client.get(reverse("responses:enter", args=[invitation.token]))
    client.post(reverse("responses:start"))
    response = client.post(reverse("responses:item", args=[number]), {"value": value, "example": example, "go": go})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert "utrecht-form-field-error-message" in response.content.decode() or "alert" in response.content.decode()


@settings(max_examples=150, **FAST)
@given(
    join=st.fixed_dictionaries(
        {"role": st.one_of(form_values, st.sampled_from(["councillor", "alderman"]))},
        optional={"name": form_values, "consent_open": form_values},
    ),
    code=st.one_of(text, st.from_regex(r"[A-Z2-9 -]{0,10}", fullmatch=True)),
    value=form_values,
    number=form_values,
)
def test_live_session_pages_never_fail(client, running, facilitator, join, code, value, number):
    from bestuursspiegel.live.services import session_start

    session = session_start(assessment=running, actor=facilitator)
    assert client.post(reverse("live:enter"), {"code": code}).status_code in (302, 400, 429)
    joined = client.post(reverse("live:join", args=[session.code]), join)
    assert joined.status_code in (302, 400, 429)
    if joined.status_code == 302:
        answered = client.post(reverse("live:participant"), {"number": number, "value": value})
        assert answered.status_code in (302, 400)


@pytest.mark.django_db
def test_content_files_reject_wrong_types_cleanly(tmp_path):
    from bestuursspiegel.knowledge.loader import read_files

    for spec in SPECS:
        (tmp_path / spec.file).write_text(
            yaml.safe_dump({spec.key: [{"slug": 5, "title": ["lijst"], "source": "geen dict"}]}), encoding="utf-8"
        )
    with pytest.raises(ContentError):
        read_files(tmp_path)


def test_total_generated_inputs_exceed_ten_thousand():
    fuzzers = [f for name, f in globals().items() if name.startswith("test_") and hasattr(f, "hypothesis")]
    total = sum(f._hypothesis_internal_use_settings.max_examples for f in fuzzers)
    assert len(fuzzers) >= 12 and total >= 10_000


@pytest.mark.parametrize("text", ["²", "٣", "1²", "-1", "", "1e3", " 7", "0012345678901"])
def test_unicode_digits_are_not_numbers(text):
    """Found by the fuzzer: '²'.isdigit() is true, and int('²') fails with a server error."""
    from bestuursspiegel.utils.numbers import small_number

    assert small_number(text) is None


@pytest.mark.django_db
def test_odd_numbers_in_the_address_or_a_form_are_refused_not_an_error(client, running, facilitator):
    from bestuursspiegel.live import services as live_services

    client.force_login(facilitator)
    assert client.get(reverse("plans:agenda") + "?organisation=²").status_code == 404
    session = live_services.session_start(assessment=running, actor=facilitator)
    phone = client.__class__()
    phone.post(reverse("live:join", args=[session.code]), {"role": "councillor"})
    assert phone.post(reverse("live:participant"), {"number": "²", "value": "2"}).status_code == 400


@pytest.mark.django_db
@settings(max_examples=500, **FAST)
@given(
    data=st.one_of(
        json_values,
        st.fixed_dictionaries(
            {"deelnemers": st.lists(st.dictionaries(st.sampled_from(["naam", "email", "rol"]), json_values))}
        ),
        st.dictionaries(
            st.sampled_from(["titel", "uitgevoerdDoor", "toelichting", "modus", "anonimiteitsdrempel", "voorbeelden"]),
            json_values,
        ),
    )
)
def test_api_request_bodies(data):
    """Any JSON to the API's inputs (the contract test sends it over HTTP): valid, or messages per field."""
    from bestuursspiegel.api.serializers import AssessmentSerializer, InvitationSerializer

    for serializer in (AssessmentSerializer(data=data), InvitationSerializer(data=data)):
        if not serializer.is_valid():
            assert serializer.errors and all(serializer.errors.values())
