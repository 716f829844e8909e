"""Generated input on every form of the desk: never a server error, every refusal a 4xx with a
message, and nothing stored from a refused request."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bestuursspiegel.reporting_desk import attachments
from bestuursspiegel.reporting_desk.forms import DeskForm, PasswordForm, RecipientForm, RecipientMessageForm, StatusForm
from bestuursspiegel.reporting_desk.models import Message, Report
from bestuursspiegel.reporting_desk.views_staff import ExportForm

FAST = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
values = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", "anonymous", "contact", "other", "conflict_of_interest", "2026-13-40", "0", "-1", "note"]),
)
file_bytes = st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=500).map(lambda b: b"\xff\xd8\xff" + b),
    st.binary(max_size=500).map(lambda b: b"\x89PNG\r\n\x1a\n" + b),
    st.binary(max_size=500).map(lambda b: b"%PDF-1.4\n" + b),
)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    from django.utils import timezone

    from .conftest import TODAY

    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


@pytest.mark.django_db
@settings(max_examples=300, **FAST)
@given(
    data=st.fixed_dictionaries(
        {}, optional={"text": values, "category": values, "identity": values, "contact": values}
    ),
    files=st.lists(
        st.tuples(st.from_regex(r"[A-Za-z0-9 ._-]{0,20}\.(jpg|png|pdf|docx)", fullmatch=True), file_bytes), max_size=4
    ),
)
def test_the_intake_form_never_fails(client, desk, adviser, data, files):
    cache.clear()  # the submission throttle would answer 429 to most examples otherwise
    before = Report.objects.filter(desk=desk).count()
    url = client.get(reverse("reporting_desk:intake", args=[desk.public_token]))["Location"]
    uploads = [SimpleUploadedFile(name, content) for name, content in files]
    response = client.post(url, {**data, "files": uploads} if uploads else data)
    assert response.status_code in (201, 400), response.status_code
    stored = Report.objects.filter(desk=desk).count() - before
    assert stored == (1 if response.status_code == 201 else 0)
    if response.status_code == 400:
        assert 'role="alert"' in response.content.decode()


@pytest.mark.django_db
@settings(max_examples=300, **FAST)
@given(code=values, secret=values)
def test_the_way_back_never_fails(client, desk, receipt, code, secret):
    cache.clear()
    url = reverse("reporting_desk:come_back", args=[desk.public_token])
    response = client.post(url, {"receipt_code": code, "secret": secret})
    assert response.status_code in (302, 400)
    assert response.status_code == 400 or code.strip().upper() == receipt.receipt_code


@pytest.mark.django_db
@settings(max_examples=200, **FAST)
@given(text=values, files=st.lists(file_bytes, max_size=4))
def test_the_reporters_message_form_never_fails(client, desk, receipt, text, files):
    cache.clear()
    client.post(
        reverse("reporting_desk:come_back", args=[desk.public_token]),
        {"receipt_code": receipt.receipt_code, "secret": receipt.secret},
    )
    url = client.get(reverse("reporting_desk:conversation", args=[desk.public_token]))["Location"]
    before = Message.objects.filter(report=receipt.report).count()
    uploads = [SimpleUploadedFile("f", content) for content in files]
    response = client.post(url, {"text": text, "files": uploads} if uploads else {"text": text})
    assert response.status_code in (302, 400)
    assert Message.objects.filter(report=receipt.report).count() - before == (1 if response.status_code == 302 else 0)


@settings(max_examples=1500, **FAST)
@given(data=file_bytes)
def test_any_file_is_cleaned_or_refused_with_a_message(data):
    upload = SimpleUploadedFile("bestand", data)
    try:
        cleaned = attachments.clean(upload)
    except Exception as error:  # only a ValidationError with a message is acceptable
        assert error.__class__.__name__ == "ValidationError" and error.messages
    else:
        assert cleaned.content_type in ("image/jpeg", "image/png", "application/pdf") and cleaned.data


@pytest.mark.django_db
@settings(max_examples=500, **FAST)
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "title": values,
            "introduction": values,
            "starts_on": values,
            "ends_on": values,
            "retention_months": values,
            "kind": values,
            "text": values,
        },
    )
)
def test_the_staff_forms_validate_any_input(data):
    data = {**data, "email": data.get("title", ""), "role": data.get("text", ""), "password": data.get("text", "")}
    data["status"] = data.get("kind", "")
    forms = (
        DeskForm(data),
        RecipientMessageForm(data),
        RecipientForm(data),
        PasswordForm(data),
        StatusForm(data),
        ExportForm(data),
    )
    for form in forms:
        if not form.is_valid():
            assert all(str(m) for errors in form.errors.values() for m in errors)


def test_a_real_png_and_pdf_pass_without_metadata():
    import pikepdf
    from PIL import Image

    out = io.BytesIO()
    info = __import__("PIL.PngImagePlugin", fromlist=["PngInfo"]).PngInfo()
    info.add_text("Author", "Jan Jansen")
    Image.new("RGB", (5, 5)).save(out, "PNG", pnginfo=info)
    assert b"Jan Jansen" in out.getvalue()
    assert b"Jan Jansen" not in attachments.clean(SimpleUploadedFile("a.png", out.getvalue())).data

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = "Jan Jansen"
    with pdf.open_metadata() as meta:
        meta["dc:creator"] = ["Jan Jansen"]
    out = io.BytesIO()
    pdf.save(out)
    assert b"Jan Jansen" in out.getvalue()
    cleaned = attachments.clean(SimpleUploadedFile("a.pdf", out.getvalue())).data
    assert b"Jan Jansen" not in cleaned
    with pikepdf.open(io.BytesIO(cleaned)) as reopened:
        assert len(reopened.pages) == 1
        assert "/Author" not in reopened.docinfo and "/Metadata" not in reopened.Root
