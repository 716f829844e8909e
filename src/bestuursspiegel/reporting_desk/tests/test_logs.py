"""Nothing that could identify a reporter reaches the logs: not their address, browser, codes or
words, whatever the log level, also when they make mistakes."""

import logging
import re

import pytest
from django.urls import reverse

from .conftest import REPORT_TEXT

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
BROWSER = "Mozilla/5.0 (Linux; Android 14; Pixel 8 van Jan)"


def test_a_reporters_visit_leaves_nothing_identifying_in_the_logs(client, desk, adviser, caplog):
    caplog.set_level(logging.DEBUG)
    meta = {"REMOTE_ADDR": ADDRESS, "HTTP_USER_AGENT": BROWSER, "HTTP_X_FORWARDED_FOR": ADDRESS}
    intake = reverse("reporting_desk:intake", args=[desk.public_token])
    url = client.get(intake, **meta)["Location"]
    contact = "Jan Jansen, 06-12345678"
    response = client.post(url, {"text": REPORT_TEXT, "identity": "contact", "contact": contact}, **meta)
    code, secret = re.findall(r'<strong class="receipt">([A-Z0-9-]+)</strong>', response.content.decode())
    client.post(url, {"text": REPORT_TEXT, "identity": "contact", "contact": contact}, **meta)  # reload
    back = reverse("reporting_desk:come_back", args=[desk.public_token])
    client.post(back, {"receipt_code": code, "secret": "VERKEERD"}, **meta)
    client.post(back, {"receipt_code": code, "secret": secret}, **meta)
    conversation = reverse("reporting_desk:conversation", args=[desk.public_token])
    keyed = client.get(conversation, **meta)["Location"]
    client.post(keyed, {"text": "Aanvulling van Jan"}, **meta)
    client.get(reverse("reporting_desk:intake", args=["bestaat-niet-123456"]), **meta)  # a 404 is logged by Django
    client.get("/bestaat-ook-niet/", **meta)  # the control: a 404 elsewhere is logged, so the capture works

    assert any("/bestaat-ook-niet/" in record.getMessage() for record in caplog.records)
    assert not any("bestaat-niet-123456" in record.getMessage() for record in caplog.records)
    logged = "\n".join(f"{record.getMessage()} {record.__dict__}" for record in caplog.records)
    for trace in (
        ADDRESS,
        "Pixel 8",
        REPORT_TEXT,
        "zwager",
        code,
        secret,
        "Jan Jansen",
        "06-12345678",
        "Aanvulling",
        desk.public_token,
    ):
        assert trace not in logged, f"{trace!r} was logged"
