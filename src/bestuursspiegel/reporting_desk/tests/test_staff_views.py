"""The organisation sets a desk up; recipients, and only they, handle reports after two-step login
and with their password."""

import datetime
import io
import re

import pytest
import pyzipper
from django.urls import reverse

from bestuursspiegel.accounts.tests.factories import PASSWORD, UserFactory
from bestuursspiegel.reporting_desk import services
from bestuursspiegel.reporting_desk.models import Recipient, Report, ReportingDesk

from .conftest import REPORT_TEXT, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    from bestuursspiegel.reporting_desk import views_staff

    monkeypatch.setattr(views_staff.timezone, "localdate", lambda: TODAY)


def test_a_member_sets_up_a_desk_and_designates_a_recipient(client, facilitator, organisation):
    client.force_login(facilitator)
    url = client.get(reverse("reporting_desk:desk_create"))["Location"]
    data = {
        "organisation": organisation.pk,
        "title": "Tijdelijk meldpunt",
        "introduction": "Een externe vertrouwenspersoon leest elke melding binnen een week.",
        "starts_on": "2026-12-01",
        "ends_on": "2027-05-31",
        "retention_months": "12",
    }
    response = client.post(url, data)
    desk = ReportingDesk.objects.filter(organisation=organisation).get()
    assert response["Location"] == reverse("reporting_desk:desk_settings", args=[desk.uuid])
    assert client.post(url, data).status_code == 302  # reload: the same key makes nothing twice
    assert ReportingDesk.objects.filter(organisation=organisation).count() == 1
    assert not desk.recipients.exists()  # the one who set it up is not a recipient by default

    adviser = UserFactory(email="vp@example.org")
    settings_url = reverse("reporting_desk:desk_settings", args=[desk.uuid])
    page = client.post(
        settings_url, {"part": "recipient", "email": "VP@example.org", "role": "externe vertrouwenspersoon"}
    )
    assert page.status_code == 302
    assert desk.recipients.get().user == adviser
    body = client.get(settings_url).content.decode()
    assert "heeft nog geen sleutel gemaakt" in body and "neemt nu geen meldingen aan" in body


@pytest.mark.parametrize(
    "change, message",
    [
        ({"ends_on": "2026-11-01"}, "De einddatum mag niet voor de begindatum liggen."),
        ({"retention_months": "0"}, "minstens 1 is"),
        ({"retention_months": "999"}, "hoogstens 120 is"),
        ({"title": ""}, "Dit veld is verplicht."),
        ({"starts_on": "morgen"}, "Voer een geldige datum in."),
    ],
)
def test_bad_settings_are_refused_in_dutch(client, facilitator, desk, change, message):
    client.force_login(facilitator)
    data = {
        "title": desk.title,
        "introduction": desk.introduction,
        "starts_on": "2026-12-01",
        "ends_on": "2027-01-01",
        "retention_months": "12",
        **change,
    }
    before = ReportingDesk.objects.filter(organisation=desk.organisation).values().get()
    response = client.post(reverse("reporting_desk:desk_settings", args=[desk.uuid]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ReportingDesk.objects.filter(organisation=desk.organisation).values().get() == before


def test_designating_someone_without_an_account_says_so(client, facilitator, desk):
    client.force_login(facilitator)
    response = client.post(
        reverse("reporting_desk:desk_settings", args=[desk.uuid]),
        {"part": "recipient", "email": "x@example.org", "role": "r"},
    )
    assert response.status_code == 400
    assert "Er is geen account met dit e-mailadres" in response.content.decode()
    assert not desk.recipients.exists()


def test_the_manager_sees_no_report_and_no_text(client, facilitator, desk, receipt):
    client.force_login(facilitator)
    body = client.get(reverse("reporting_desk:desk_settings", args=[desk.uuid])).content.decode()
    assert REPORT_TEXT not in body and str(receipt.report.uuid) not in body
    for name in ("reports", "unlock", "activate"):
        assert client.get(reverse(f"reporting_desk:{name}", args=[desk.uuid])).status_code == 404
    url = reverse("reporting_desk:report", args=[desk.uuid, receipt.report.uuid])
    assert client.get(url).status_code == 404


def test_a_recipient_must_pass_two_step_verification(client, desk, adviser, receipt):
    recipient, _ = adviser
    client.force_login(recipient.user)  # password only
    response = client.get(reverse("reporting_desk:reports", args=[desk.uuid]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))


def recipient_client(client, verified_login, user):
    verified_login(client, user)
    return client


def test_a_recipient_unlocks_reads_replies_and_closes(client, verified_login, desk, adviser, receipt):
    recipient, _ = adviser
    recipient_client(client, verified_login, recipient.user)
    reports_url = reverse("reporting_desk:reports", args=[desk.uuid])
    response = client.get(reports_url)
    assert response["Location"].startswith(reverse("reporting_desk:unlock", args=[desk.uuid]))
    wrong = client.post(response["Location"], {"password": "fout"})
    assert wrong.status_code == 400 and "Dat is niet uw wachtwoord." in wrong.content.decode()
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == reports_url
    listing = client.get(reports_url).content.decode()
    assert "belangenverstrengeling" in listing and REPORT_TEXT not in listing

    report_url = reverse("reporting_desk:report", args=[desk.uuid, receipt.report.uuid])
    assert REPORT_TEXT in client.get(report_url).content.decode()
    client.post(report_url, {"part": "message", "kind": "acknowledgement", "text": "Wij hebben uw melding ontvangen."})
    client.post(report_url, {"part": "message", "kind": "note", "text": "Intern: dossier 12 opvragen"})
    bad = client.post(report_url, {"part": "message", "kind": "acknowledgement", "text": ""})
    assert bad.status_code == 400 and "Schrijf het bericht." in bad.content.decode()
    client.post(report_url, {"part": "status", "status": "closed"})
    report = Report.objects.filter(desk=desk).get()
    assert (report.status, report.acknowledged_on, report.closed_on) == ("closed", TODAY, TODAY)

    # The reporter reads the acknowledgement, not the note.
    reporter = client.__class__()
    reporter.post(
        reverse("reporting_desk:come_back", args=[desk.public_token]),
        {"receipt_code": receipt.receipt_code, "secret": receipt.secret},
    )
    page = reporter.get(reverse("reporting_desk:conversation", args=[desk.public_token]), follow=True).content.decode()
    assert "Wij hebben uw melding ontvangen." in page
    assert "dossier 12" not in page
    assert "Status: afgerond." in page


def test_locking_and_logging_out_need_the_password_again(client, verified_login, desk, adviser, receipt):
    recipient, _ = adviser
    recipient_client(client, verified_login, recipient.user)
    client.post(reverse("reporting_desk:unlock", args=[desk.uuid]), {"password": PASSWORD})
    reports_url = reverse("reporting_desk:reports", args=[desk.uuid])
    assert client.get(reports_url).status_code == 200
    client.post(reverse("reporting_desk:lock", args=[desk.uuid]))
    assert client.get(reports_url).status_code == 302


def test_the_hand_over_archive_opens_with_the_chosen_password_only(client, verified_login, desk, adviser, receipt):
    recipient, _ = adviser
    recipient_client(client, verified_login, recipient.user)
    client.post(reverse("reporting_desk:unlock", args=[desk.uuid]), {"password": PASSWORD})
    url = reverse("reporting_desk:report", args=[desk.uuid, receipt.report.uuid])
    short = client.post(url, {"part": "export", "password": "kort"})
    assert short.status_code == 400 and "ten minste 12 tekens" in short.content.decode()
    response = client.post(url, {"part": "export", "password": "overdracht-aan-onderzoeker"})
    assert response["Content-Type"] == "application/zip"
    archive_bytes = response.content
    assert REPORT_TEXT.encode() not in archive_bytes
    with pyzipper.AESZipFile(io.BytesIO(archive_bytes)) as archive:
        archive.setpassword(b"overdracht-aan-onderzoeker")
        assert REPORT_TEXT in archive.read("melding.txt").decode()
    with pyzipper.AESZipFile(io.BytesIO(archive_bytes)) as archive:
        archive.setpassword(b"verkeerd-wachtwoord")
        with pytest.raises(RuntimeError):
            archive.read("melding.txt")
    from bestuursspiegel.audit.models import AuditEvent

    assert AuditEvent.objects.filter(organisation=desk.organisation, action="desk.report_exported").count() == 1


def test_a_new_recipient_makes_a_key_and_reads_an_earlier_report_once_it_is_passed_on(
    client, verified_login, facilitator, desk, adviser, receipt
):
    second = UserFactory(email="bureau@example.org")
    services.recipient_designate(desk=desk, actor=facilitator, email=second.email, role="extern bureau")
    verified_login(client, second)
    response = client.get(reverse("reporting_desk:reports", args=[desk.uuid]))
    assert response["Location"] == reverse("reporting_desk:activate", args=[desk.uuid])
    client.post(response["Location"], {"password": PASSWORD})
    report_url = reverse("reporting_desk:report", args=[desk.uuid, receipt.report.uuid])
    refused = client.get(report_url)
    assert refused.status_code == 403 and "kwam binnen voordat u ontvanger was" in refused.content.decode()

    first = client.__class__()
    verified_login(first, adviser[0].user)
    first.post(reverse("reporting_desk:unlock", args=[desk.uuid]), {"password": PASSWORD})
    assert client.get(report_url).status_code == 403  # unlocking passes nothing on by itself
    page = first.get(report_url).content.decode()
    assert "extern bureau" in page
    newcomer = desk.recipients.get(user=second)
    assert first.post(report_url, {"part": "share", "recipient": str(newcomer.uuid)}).status_code == 302
    assert REPORT_TEXT in client.get(report_url).content.decode()
    assert first.post(report_url, {"part": "share", "recipient": str(newcomer.uuid)}).status_code == 400

    reporter = client.__class__()
    reporter.post(
        reverse("reporting_desk:come_back", args=[desk.public_token]),
        {"receipt_code": receipt.receipt_code, "secret": receipt.secret},
    )
    page = reporter.get(reverse("reporting_desk:conversation", args=[desk.public_token]), follow=True).content.decode()
    assert "externe vertrouwenspersoon" in page and "extern bureau" in page


def test_a_recipient_of_one_desk_cannot_reach_another_desks_reports(
    client, verified_login, facilitator, organisation, adviser
):
    other = services.desk_create(
        organisation=organisation,
        actor=facilitator,
        title="Ander meldpunt",
        introduction="x",
        starts_on=TODAY,
        ends_on=TODAY + datetime.timedelta(days=10),
    )
    someone = UserFactory()
    services.recipient_activate(
        recipient=services.recipient_designate(desk=other, actor=facilitator, email=someone.email, role="r"),
        password=PASSWORD,
        today=TODAY,
    )
    theirs = services.report_submit(desk=other, text="Geheim elders", category="", contact="", today=TODAY)
    recipient, _ = adviser
    recipient_client(client, verified_login, recipient.user)
    client.post(reverse("reporting_desk:unlock", args=[recipient.desk.uuid]), {"password": PASSWORD})
    assert (
        client.get(reverse("reporting_desk:report", args=[recipient.desk.uuid, theirs.report.uuid])).status_code == 404
    )
    assert client.get(reverse("reporting_desk:reports", args=[other.uuid])).status_code == 404


def test_the_public_page_names_roles_but_no_recipient(client, desk, adviser):
    page = client.get(reverse("reporting_desk:intake", args=[desk.public_token]), follow=True).content.decode()
    recipient, _ = adviser
    assert "externe vertrouwenspersoon" in page
    assert recipient.user.email not in page and recipient.user.last_name not in page
    assert re.search(r"Open van \d+ \w+ 2026 tot en met", page)


def test_yearly_figures_show_completed_years_above_the_threshold_only(desk, adviser):
    from bestuursspiegel.reporting_desk import counts

    desk.starts_on = datetime.date(2025, 1, 1)
    for _ in range(6):
        counts.tally_add(desk=desk, day=datetime.date(2025, 3, 1), category="conflict_of_interest")
    for category in ("misconduct", "misconduct", "other"):
        counts.tally_add(desk=desk, day=datetime.date(2025, 4, 1), category=category)
    counts.tally_add(desk=desk, day=datetime.date(2026, 4, 1), category="other")
    [year_2025, year_2026] = counts.yearly_figures(desk, datetime.date(2027, 1, 2))
    assert year_2025.total == 9
    # 6 shown, 3 would be the remainder: too few, so the 6 is folded in and only the total is shown.
    assert year_2025.categories == [] and year_2025.remainder == 9
    assert year_2026.total is None
    assert [f.year for f in counts.yearly_figures(desk, datetime.date(2026, 6, 1))] == [2025]  # not the running year


def test_figures_never_reveal_a_small_remainder():
    from bestuursspiegel.reporting_desk.counts import _fold

    shown, remainder = _fold({"a": 7, "b": 6, "c": 2})
    assert shown == [("a", 7)] and remainder == 8
    shown, remainder = _fold({"a": 7, "b": 6})
    assert shown == [("a", 7), ("b", 6)] and remainder == 0
    shown, remainder = _fold({"a": 5, "": 5})
    assert shown == [("a", 5)] and remainder == 5


def test_changing_the_password_on_its_page_keeps_the_recipients_key(client, verified_login, desk, adviser, receipt):
    recipient, private_key = adviser
    verified_login(client, recipient.user)
    url = reverse("accounts:password_change")
    weak = client.post(url, {"old_password": PASSWORD, "new_password1": "kort", "new_password2": "kort"})
    assert weak.status_code == 400
    new = "een-ander-lang-wachtwoord-2026"
    response = client.post(url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    recipient.refresh_from_db()
    recipient.user.refresh_from_db()
    assert services.recipient_unlock(recipient=recipient, password=new) == private_key
    client.post(reverse("reporting_desk:unlock", args=[desk.uuid]), {"password": new})
    page = client.get(reverse("reporting_desk:report", args=[desk.uuid, receipt.report.uuid]))
    assert REPORT_TEXT in page.content.decode()


def test_guessing_the_unlock_password_is_throttled(client, verified_login, desk, adviser):
    recipient, _ = adviser
    verified_login(client, recipient.user)
    url = reverse("reporting_desk:unlock", args=[desk.uuid])
    for _attempt in range(5):
        assert client.post(url, {"password": "geraden"}).status_code == 400
    response = client.post(url, {"password": PASSWORD})
    assert response.status_code == 429
    assert "Te veel verkeerde pogingen" in response.content.decode()


def test_removing_a_recipient_asks_first_and_warns_about_the_last_key(client, facilitator, desk, adviser, receipt):
    recipient, _ = adviser
    client.force_login(facilitator)
    url = reverse("reporting_desk:recipient_remove", args=[desk.uuid, recipient.uuid])
    page = client.get(url)
    assert page.status_code == 200
    assert "de laatste ontvanger met een sleutel" in page.content.decode()
    assert Recipient.objects.filter(desk=desk).count() == 1
    assert client.post(url).status_code == 302
    assert not Recipient.objects.filter(desk=desk).exists()
    assert Report.objects.filter(desk=desk).count() == 1


def test_after_setting_up_two_step_login_a_recipient_returns_to_the_desk(client, desk, adviser):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    recipient, _ = adviser
    client.force_login(recipient.user)
    reports_url = reverse("reporting_desk:reports", args=[desk.uuid])
    setup_url = client.get(reports_url)["Location"]
    assert setup_url == f"{reverse('accounts:two_factor_setup')}?next={reports_url}"
    client.get(setup_url)
    device = TOTPDevice.objects.get(user=recipient.user)
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    response = client.post(setup_url, {"token": f"{token:06d}"})
    assert response["Location"] == reports_url
