"""The reporter's pages as a reporter uses them: no account, Back and reload, wrong codes, files."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from bestuursspiegel.reporting_desk import services
from bestuursspiegel.reporting_desk.models import Attachment, Message, Report

from .conftest import REPORT_TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    from bestuursspiegel.reporting_desk import views_public

    from .conftest import TODAY

    monkeypatch.setattr(views_public.timezone, "localdate", lambda: TODAY)


def intake_url(desk) -> str:
    return reverse("reporting_desk:intake", args=[desk.public_token])


def keyed(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 302 and "formulier=" in response["Location"]
    return response["Location"]


def send(client, desk, **data):
    url = keyed(client, intake_url(desk))
    body = {"text": REPORT_TEXT, "category": "", "identity": "anonymous", "contact": "", **data}
    return url, client.post(url, body)


def receipt_of(response) -> tuple[str, str]:
    code, secret = re.findall(r'<strong class="receipt">([A-Z0-9-]+)</strong>', response.content.decode())
    return code, secret


def photo_with_location() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # camera make
    exif[0x0131] = "Fotobewerker van Jan Jansen"  # software
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_reporter_reports_and_comes_back_with_code_and_secret(client, desk, adviser):
    page = client.get(keyed(client, intake_url(desk)))
    assert page.status_code == 200
    body = page.content.decode()
    assert "externe vertrouwenspersoon" in body and "Huis voor Klokkenluiders" in body
    _url, response = send(client, desk, category="conflict_of_interest")
    assert response.status_code == 201
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    code, secret = receipt_of(response)
    report = Report.objects.filter(desk=desk).get()
    assert report.category == "conflict_of_interest"

    other_browser = client.__class__()
    come_back = reverse("reporting_desk:come_back", args=[desk.public_token])
    response = other_browser.post(come_back, {"receipt_code": code.lower().replace("-", " "), "secret": secret})
    assert response.status_code == 302
    conversation = other_browser.get(response["Location"], follow=True)
    assert REPORT_TEXT in conversation.content.decode()


def test_reload_and_a_second_submit_make_no_second_report(client, desk, adviser):
    url, first = send(client, desk)
    assert first.status_code == 201
    again = client.post(url, {"text": REPORT_TEXT, "identity": "anonymous"})
    assert again.status_code == 409
    assert 'class="receipt"' not in again.content.decode()
    assert Report.objects.filter(desk=desk).count() == 1
    # Back to the form: the address with the used key gives a fresh form with a new key, so that a
    # second, different report written there is not refused as a double submit.
    back = client.get(url)
    assert back.status_code == 302 and "formulier=" in back["Location"] and back["Location"] != url
    assert send(client, desk, text="Een tweede, andere melding.")[1].status_code == 201
    assert Report.objects.filter(desk=desk).count() == 2


def test_a_post_without_its_form_key_is_refused(client, desk, adviser):
    response = client.post(intake_url(desk), {"text": REPORT_TEXT, "identity": "anonymous"})
    assert response.status_code == 400
    assert not Report.objects.filter(desk=desk).exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"text": ""}, "Schrijf op wat u wilt melden."),
        ({"identity": "contact", "contact": ""}, "Vul uw contactgegevens in"),
        ({"identity": "anonymous", "contact": "Jan, 0612345678"}, "U koos anoniem te blijven"),
        ({"identity": "iets"}, "Selecteer een geldige keuze"),
        ({"category": "geen-thema"}, "Selecteer een geldige keuze"),
        ({"text": "x" * 10_001}, "10000 tekens"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_stores_nothing(client, desk, adviser, data, message):
    _url, response = send(client, desk, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Report.objects.filter(desk=desk).exists()


def test_attachments_are_stored_encrypted_without_their_metadata(client, desk, adviser):
    url = keyed(client, intake_url(desk))
    upload = SimpleUploadedFile("IMG_Jan_Jansen.jpg", photo_with_location(), content_type="image/jpeg")
    response = client.post(url, {"text": REPORT_TEXT, "identity": "anonymous", "files": [upload]})
    assert response.status_code == 201
    stored = Attachment.objects.get()
    assert b"Telefoonmerk" not in bytes(stored.sealed_data)
    code, secret = receipt_of(response)
    client.post(reverse("reporting_desk:come_back", args=[desk.public_token]), {"receipt_code": code, "secret": secret})
    download = client.get(reverse("reporting_desk:reporter_attachment", args=[desk.public_token, 1]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="bijlage-1.jpg"'
    data = download.content
    assert b"Telefoonmerk" not in data and b"Jan Jansen" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (40, 30) and not image.getexif()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("notitie.docx", b"PK\x03\x04 not allowed", "geen foto"),
        ("foto.jpg", b"MZ\x90\x00 an executable named as a photo", "geen foto"),
        ("kapot.pdf", b"%PDF-1.7 broken", "kon niet worden gelezen"),
        ("groot.pdf", b"%PDF-" + b"0" * (4 * 1024 * 1024), "groter dan"),
    ],
)
def test_unwanted_files_are_refused_with_a_reason(client, desk, adviser, name, content, message):
    url = keyed(client, intake_url(desk))
    upload = SimpleUploadedFile(name, content)
    response = client.post(url, {"text": REPORT_TEXT, "identity": "anonymous", "files": [upload]})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Report.objects.filter(desk=desk).exists()


def test_more_than_three_files_are_refused(client, desk, adviser):
    url = keyed(client, intake_url(desk))
    files = [SimpleUploadedFile(f"f{i}.jpg", photo_with_location()) for i in range(4)]
    response = client.post(url, {"text": REPORT_TEXT, "identity": "anonymous", "files": files})
    assert response.status_code == 400
    assert "hoogstens 3" in response.content.decode()


def test_a_request_that_is_too_large_is_refused_before_reading(client, desk, adviser):
    url = keyed(client, intake_url(desk))
    response = client.post(url, {"text": "x"}, CONTENT_LENGTH=str(20 * 1024 * 1024))
    assert response.status_code == 413
    assert "te groot" in response.content.decode()


def test_many_reports_from_one_connection_are_throttled(client, desk, adviser):
    for _ in range(5):
        assert send(client, desk)[1].status_code == 201
    _url, response = send(client, desk)
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert Report.objects.filter(desk=desk).count() == 5


def test_guessing_codes_is_refused_the_same_way_and_then_throttled(client, desk, receipt):
    url = reverse("reporting_desk:come_back", args=[desk.public_token])
    wrong_secret = client.post(url, {"receipt_code": receipt.receipt_code, "secret": "AAAA-BBBB"})
    wrong_code = client.post(url, {"receipt_code": "AAAA-BBBB-CCCC", "secret": receipt.secret})
    assert wrong_secret.status_code == wrong_code.status_code == 400
    message = "Deze combinatie van ontvangstcode en geheim is hier niet bekend."
    assert message in wrong_secret.content.decode() and message in wrong_code.content.decode()
    for _ in range(18):
        client.post(url, {"receipt_code": "AAAA-BBBB-CCCC", "secret": "x"})
    response = client.post(url, {"receipt_code": receipt.receipt_code, "secret": receipt.secret})
    assert response.status_code == 429


def test_the_conversation_without_code_sends_to_the_way_back(client, desk, receipt):
    url = reverse("reporting_desk:conversation", args=[desk.public_token])
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("reporting_desk:come_back", args=[desk.public_token])
    assert REPORT_TEXT not in response.content.decode()


def test_the_reporter_adds_information_once_and_leaves(client, desk, receipt):
    client.post(
        reverse("reporting_desk:come_back", args=[desk.public_token]),
        {"receipt_code": receipt.receipt_code, "secret": receipt.secret},
    )
    url = keyed(client, reverse("reporting_desk:conversation", args=[desk.public_token]))
    assert client.post(url, {"text": "Het was in maart."}).status_code == 302
    assert client.post(url, {"text": "Het was in maart."}).status_code == 302  # reload: stored once
    assert Message.objects.filter(report=receipt.report).count() == 2
    assert client.get(url).status_code == 302  # Back to the used address: a new key for the next message
    client.post(reverse("reporting_desk:leave", args=[desk.public_token]))
    response = client.get(reverse("reporting_desk:conversation", args=[desk.public_token]))
    assert response.status_code == 302


def test_the_vault_cookie_alone_or_the_session_alone_opens_nothing(client, desk, receipt):
    from bestuursspiegel.reporting_desk import vault

    client.post(
        reverse("reporting_desk:come_back", args=[desk.public_token]),
        {"receipt_code": receipt.receipt_code, "secret": receipt.secret},
    )
    conversation = reverse("reporting_desk:conversation", args=[desk.public_token])
    assert client.get(conversation).status_code == 302  # to the keyed address
    del client.cookies[vault.COOKIE]
    response = client.get(conversation, follow=True)
    assert REPORT_TEXT not in response.content.decode()


def test_a_closed_desk_shows_why_and_accepts_nothing(client, desk, adviser, facilitator):
    import datetime

    services.desk_update(desk=desk, actor=facilitator, ends_on=datetime.date(2026, 12, 1))
    page = client.get(keyed(client, intake_url(desk)))
    assert "neemt op dit moment geen meldingen aan" in page.content.decode()
    url = keyed(client, intake_url(desk))
    assert client.post(url, {"text": REPORT_TEXT, "identity": "anonymous"}).status_code == 403
    assert not Report.objects.filter(desk=desk).exists()


def test_an_unknown_desk_address_is_404(client, db):
    assert client.get(reverse("reporting_desk:intake", args=["raden-is-zinloos-1234"])).status_code == 404


def test_a_message_written_after_the_session_ended_is_given_back_not_lost(client, desk, receipt):
    client.post(
        reverse("reporting_desk:come_back", args=[desk.public_token]),
        {"receipt_code": receipt.receipt_code, "secret": receipt.secret},
    )
    url = keyed(client, reverse("reporting_desk:conversation", args=[desk.public_token]))
    client.session.flush()  # 30 minutes without activity
    client.cookies.pop("sessionid", None)
    response = client.post(url, {"text": "Een lange aanvulling die ik niet kwijt wil."})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Een lange aanvulling die ik niet kwijt wil." in body and "niet verstuurd" in body
    assert Message.objects.filter(report=receipt.report).count() == 1


def test_attachments_never_touch_the_disk_unencrypted(client, desk, adviser, settings, monkeypatch):
    from django.core.files import uploadedfile

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # Django's default handlers would now write a temporary file

    def no_temporary_file(*args, **kwargs):
        raise AssertionError("an attachment was written to a temporary file")

    monkeypatch.setattr(uploadedfile.TemporaryUploadedFile, "__init__", no_temporary_file)
    url = keyed(client, intake_url(desk))
    upload = SimpleUploadedFile("foto.jpg", photo_with_location(), content_type="image/jpeg")
    response = client.post(url, {"text": REPORT_TEXT, "identity": "anonymous", "files": [upload]})
    assert response.status_code == 201
    assert Attachment.objects.count() == 1


def test_the_csrf_check_still_guards_the_desk_forms(desk, adviser):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    url = keyed(browser, intake_url(desk))
    response = browser.post(url, {"text": REPORT_TEXT, "identity": "anonymous"})
    assert response.status_code == 403
    assert not Report.objects.filter(desk=desk).exists()
