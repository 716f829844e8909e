"""In Chromium: a reporter on a phone without JavaScript, a recipient handling the report, and every
page type of the desk at 320, 390 and 1280 px (axe-core, no sideways scrolling)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from bestuursspiegel.accessibility.tests.test_pages import Outcome, check
from bestuursspiegel.accounts.tests.factories import PASSWORD

from .conftest import REPORT_TEXT, TODAY
from .test_public_views import photo_with_location

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def logged_in_context(new_context, base, user, verified_login):
    """A browser with the session of `user` after two-step verification."""
    session = Client()
    verified_login(session, user)
    context = new_context()
    cookie = session.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])
    return context


def report_on_a_phone(page, base, desk, tmp_path) -> tuple[str, str]:
    page.goto(base + reverse("reporting_desk:intake", args=[desk.public_token]))
    page.get_by_role("button", name="Melding versturen").click()  # nothing filled in
    expect(page.get_by_role("alert")).to_contain_text("Schrijf op wat u wilt melden.")
    page.get_by_label("Wat wilt u melden?").fill(REPORT_TEXT)
    page.get_by_label("Waar gaat het over?").select_option(label="belangenverstrengeling")
    page.get_by_label("Ja, ik blijf anoniem").check()
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(photo_with_location())
    page.get_by_label("Bijlagen").set_input_files(str(photo))
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw melding is ontvangen")
    code, secret = page.locator("strong.receipt").all_inner_texts()
    return code, secret


def test_a_reporter_on_a_phone_without_javascript_and_a_recipient_handling_it(
    live_server, new_context, desk, adviser, verified_login, tmp_path
):
    base = live_server.url
    phone = new_context(java_script_enabled=False, **PHONE).new_page()
    code, secret = report_on_a_phone(phone, base, desk, tmp_path)
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){2}", code) and len(secret) == 29
    phone.reload()  # the browser sends the form again: no second report, no receipt shown again
    expect(phone.get_by_role("heading", level=1)).to_have_text("Deze melding is al verstuurd")
    phone.context.close()

    recipient, _ = adviser
    desk_page = logged_in_context(new_context, base, recipient.user, verified_login).new_page()
    desk_page.goto(base + reverse("reporting_desk:reports", args=[desk.uuid]))
    expect(desk_page.get_by_role("heading", level=1)).to_have_text("Meldingen ontgrendelen")
    desk_page.get_by_label("Uw wachtwoord").fill(PASSWORD)
    desk_page.get_by_role("button", name="Ontgrendelen").click()
    expect(desk_page.get_by_role("table")).to_contain_text("belangenverstrengeling")
    desk_page.get_by_role("link", name="4 december 2026").click()
    expect(desk_page.get_by_role("main")).to_contain_text(REPORT_TEXT)
    with desk_page.expect_download() as download:
        desk_page.get_by_role("link", name="bijlage-1.jpg").click()
    data = Path(download.value.path()).read_bytes()
    assert b"Fotobewerker" not in data and data.startswith(b"\xff\xd8\xff")
    desk_page.get_by_label("ontvangstbevestiging").check()
    desk_page.get_by_label("Tekst").fill("Wij hebben uw melding ontvangen en nemen haar in behandeling.")
    desk_page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(desk_page.locator("dl.facts")).to_contain_text("op tijd gegeven")

    # The reporter comes back on the phone, still without JavaScript, and reads the reply.
    phone = new_context(java_script_enabled=False, **PHONE).new_page()
    phone.goto(base + reverse("reporting_desk:come_back", args=[desk.public_token]))
    phone.get_by_label("Ontvangstcode").fill(code.lower())
    phone.get_by_label("Geheim").fill(secret)
    phone.get_by_role("button", name="Mijn melding openen").click()
    expect(phone.get_by_role("main")).to_contain_text("Wij hebben uw melding ontvangen")
    expect(phone.get_by_role("main")).to_contain_text("Status: in behandeling.")
    phone.get_by_label("Uw bericht of aanvullende informatie").fill("Het ging om de opdracht van maart.")
    phone.get_by_role("button", name="Versturen").click()
    expect(phone.get_by_role("status")).to_contain_text("Uw bericht is toegevoegd.")
    phone.get_by_role("button", name="Mijn melding sluiten").click()
    phone.goto(base + reverse("reporting_desk:conversation", args=[desk.public_token]))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Antwoorden op uw melding lezen")


def test_every_desk_page_type_at_every_width(
    live_server, new_context, desk, adviser, facilitator, verified_login, tmp_path
):
    base, outcome = live_server.url, Outcome()
    reporter = new_context().new_page()
    reporter.goto(base + reverse("reporting_desk:intake", args=[desk.public_token]))
    check(reporter, "desk intake", outcome)
    reporter.get_by_role("button", name="Melding versturen").click()
    check(reporter, "desk intake with errors", outcome)
    code, secret = report_on_a_phone(reporter, base, desk, tmp_path)
    check(reporter, "desk receipt", outcome)
    reporter.reload()
    check(reporter, "desk already sent", outcome)
    reporter.goto(base + reverse("reporting_desk:come_back", args=[desk.public_token]))
    reporter.get_by_role("button", name="Mijn melding openen").click()
    check(reporter, "desk come back with errors", outcome)
    reporter.get_by_label("Ontvangstcode").fill(code)
    reporter.get_by_label("Geheim").fill(secret)
    reporter.get_by_role("button", name="Mijn melding openen").click()
    check(reporter, "desk conversation", outcome)

    manager = logged_in_context(new_context, base, facilitator, verified_login).new_page()
    for name, url in (
        ("desk list", reverse("reporting_desk:desk_list")),
        ("desk create", reverse("reporting_desk:desk_create")),
        ("desk settings", reverse("reporting_desk:desk_settings", args=[desk.uuid])),
        ("password change", reverse("accounts:password_change")),
    ):
        manager.goto(base + url)
        check(manager, name, outcome)

    recipient, _ = adviser
    handler = logged_in_context(new_context, base, recipient.user, verified_login).new_page()
    handler.goto(base + reverse("reporting_desk:unlock", args=[desk.uuid]))
    check(handler, "desk unlock", outcome)
    handler.get_by_label("Uw wachtwoord").fill(PASSWORD)
    handler.get_by_role("button", name="Ontgrendelen").click()
    check(handler, "desk reports", outcome)
    handler.get_by_role("link", name="4 december 2026").click()
    check(handler, "desk report", outcome)
    handler.get_by_role("button", name="Archief downloaden").click()  # no password: errors
    check(handler, "desk report with errors", outcome)

    from bestuursspiegel.accounts.tests.factories import UserFactory
    from bestuursspiegel.reporting_desk import services

    newcomer = UserFactory()
    services.recipient_designate(desk=desk, actor=facilitator, email=newcomer.email, role="extern bureau")
    fresh = logged_in_context(new_context, base, newcomer, verified_login).new_page()
    fresh.goto(base + reverse("reporting_desk:activate", args=[desk.uuid]))
    check(fresh, "desk activate", outcome)
    fresh.get_by_label("Uw wachtwoord").fill(PASSWORD)
    fresh.get_by_role("button", name="Mijn sleutel maken").click()
    expect(fresh.get_by_role("status")).to_contain_text("Uw sleutel is gemaakt")
    handler.get_by_role("link", name="Alle meldingen").click()
    handler.get_by_role("link", name="4 december 2026").click()  # now it can be passed on to the newcomer
    expect(handler.get_by_label("Doorgeven aan")).to_have_value(re.compile("."))
    check(handler, "desk report to pass on", outcome)
    handler.get_by_role("button", name="Doorgeven").click()
    expect(handler.get_by_role("status")).to_contain_text("De melding is doorgegeven aan extern bureau.")

    assert len(outcome.pages) == 16
    assert outcome.failures == [], "\n".join(outcome.failures)
