"""Invitation tokens and join codes never reach a log line, through Django's or gunicorn's logging."""

import copy
import io
import logging
import logging.config
from contextlib import contextmanager

import pytest

from bestuursspiegel.responses.tests.helpers import invite

TOKEN = "Zq3" + "x" * 38 + "-_"  # the shape of a real token: 43 URL-safe characters


def configured(logger) -> list:
    """The handlers our logging configuration gave a logger (dictConfig names them; pytest's own
    capturing handlers have no name)."""
    return [h for h in logger.handlers if h.name]


@contextmanager
def captured(*logger_names):
    """Point the handlers that the configuration gave these loggers (or the root) at a buffer."""
    buffer = io.StringIO()
    handlers = {h for name in logger_names for h in configured(logging.getLogger(name))} or set(
        configured(logging.getLogger())
    )
    old = {h: h.setStream(buffer) for h in handlers}
    try:
        yield buffer
    finally:
        for handler, stream in old.items():
            handler.setStream(stream)


def test_every_configured_handler_redacts():
    for name in ("", "django", "django.request", "django.server"):
        logger = logging.getLogger(name)
        while logger and not configured(logger) and logger.propagate:
            logger = logger.parent
        assert configured(logger), name
        for handler in configured(logger):
            assert any(type(f).__name__ == "RedactSecretsFilter" for f in handler.filters), (name, handler)


@pytest.mark.django_db
def test_unknown_links_and_codes_in_warnings_are_hidden(client):
    with captured() as root:
        assert client.get(f"/d/{TOKEN}/").status_code == 404
        assert client.get("/live/ABCD2345/").status_code == 404
    output = root.getvalue()
    assert "Not Found" in output and "/d/[verborgen]/" in output and "/live/[verborgen]/" in output
    assert TOKEN not in output and "ABCD2345" not in output


@pytest.mark.django_db
def test_a_valid_link_in_a_request_line_is_hidden(running, facilitator):
    [invitation] = invite(running, facilitator, 1)
    with captured("django.server") as server:
        logging.getLogger("django.server").info('"%s" %s %s', f"GET /d/{invitation.token}/ HTTP/1.1", 302, 0)
        logging.getLogger("django.server").info('"%s" %s %s', "GET /metingen/x/live/starten/ HTTP/1.1", 302, 0)
    output = server.getvalue()
    assert invitation.token not in output
    assert "GET /d/[verborgen]/ HTTP/1.1" in output
    assert "/live/starten/" in output  # the facilitator's own pages stay readable


def test_gunicorn_access_and_error_logs_redact():
    from bestuursspiegel.conf.gunicorn import logconfig_dict

    config = copy.deepcopy(logconfig_dict)
    try:
        logging.config.dictConfig(config)
        with captured("gunicorn.access", "gunicorn.error") as output:
            logging.getLogger("gunicorn.access").info('127.0.0.1 "GET /d/%s/ HTTP/1.1" 302', TOKEN)
            logging.getLogger("gunicorn.error").warning("Worker timeout on /live/%s/", "QRST6789")
        text = output.getvalue()
        assert TOKEN not in text and "QRST6789" not in text and text.count("[verborgen]") == 2
    finally:
        for name in ("gunicorn.access", "gunicorn.error"):
            logging.getLogger(name).handlers.clear()
