"""One log line per request with a request id, the view's name and nothing personal."""

import json
import logging

import pytest
from django.conf import settings

from bestuursspiegel.responses.tests.helpers import invite


def request_lines(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bestuursspiegel.requests"]


@pytest.mark.django_db
def test_a_request_line_names_the_view_not_the_address(client, caplog, running, facilitator):
    [invitation] = invite(running, facilitator, 1)
    with caplog.at_level(logging.INFO, logger="bestuursspiegel.requests"):
        response = client.get(f"/d/{invitation.token}/", REMOTE_ADDR="192.0.2.7")
    [line] = request_lines(caplog)
    assert (line.method, line.view, line.status) == ("GET", "responses:enter", 302)
    assert line.duration_ms >= 0
    assert line.request_id == response["X-Request-ID"]
    everything = json.dumps(line.__dict__, default=str)
    for secret in (
        invitation.token,
        "192.0.2.7",
        running.organisation.name,
        str(running.uuid),
        invitation.participant.email,
    ):
        assert secret not in everything


@pytest.mark.django_db
def test_the_balancers_request_id_is_kept_and_a_strange_one_replaced(client, caplog):
    with caplog.at_level(logging.INFO, logger="bestuursspiegel.requests"):
        kept = client.get("/health/live", HTTP_X_REQUEST_ID="haproxy-0a1b2c3d")
        replaced = client.get("/health/live", HTTP_X_REQUEST_ID="<script>\nFAKE LOG LINE")
        fresh = client.get("/health/live")
    assert kept["X-Request-ID"] == "haproxy-0a1b2c3d"
    assert replaced["X-Request-ID"] != "<script>\nFAKE LOG LINE" and len(replaced["X-Request-ID"]) == 32
    assert fresh["X-Request-ID"] not in (kept["X-Request-ID"], replaced["X-Request-ID"])
    assert [r.request_id for r in request_lines(caplog)] == [
        kept["X-Request-ID"],
        replaced["X-Request-ID"],
        fresh["X-Request-ID"],
    ]


@pytest.mark.django_db
def test_records_inside_a_request_carry_its_id(client, caplog):
    """A warning logged while answering (here Django's 404) can be tied to its request line."""
    with caplog.at_level(logging.INFO):
        response = client.get("/bestaat-niet/")
    ids = {r.name: r.request_id for r in caplog.records}
    assert ids["django.request"] == ids["bestuursspiegel.requests"] == response["X-Request-ID"]


def test_the_json_format_is_one_object_per_line_with_the_fields():
    formatter = logging.config.dictConfigClass({"version": 1}).configure_custom(dict(settings.LOG_FORMATTERS["json"]))
    record = logging.LogRecord("bestuursspiegel.requests", logging.INFO, __file__, 1, "%s %s", ("GET", "x"), None)
    record.request_id, record.status = "abc12345", 200
    line = formatter.format(record)
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["message"] == "GET x" and parsed["level"] == "INFO" and parsed["logger"] == "bestuursspiegel.requests"
    assert parsed["request_id"] == "abc12345" and parsed["status"] == 200 and "time" in parsed
