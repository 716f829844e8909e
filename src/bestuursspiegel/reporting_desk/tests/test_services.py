"""The desk's rules, called directly: encryption, the reporter's way back, handling, deadlines."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from bestuursspiegel.accounts.tests.factories import PASSWORD, UserFactory
from bestuursspiegel.reporting_desk import crypto, services
from bestuursspiegel.reporting_desk.constants import MessageKind, ReportStatus
from bestuursspiegel.reporting_desk.models import KeyGrant, Message, Report

from .conftest import REPORT_TEXT, TODAY

pytestmark = pytest.mark.django_db


def all_stored_bytes() -> bytes:
    """Every value in every table of the app, as an operator dumping the database would see it."""
    dump = b""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if not table.startswith(("reporting_desk_", "audit_", "django_session", "once_")):
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from introspection
            for row in cursor.fetchall():
                for value in row:
                    dump += bytes(value) if isinstance(value, (bytes, memoryview)) else str(value).encode()
    return dump


def test_an_operator_reading_the_database_finds_no_report_text(desk, adviser, receipt):
    services.reporter_add(
        report=receipt.report, key=_key(receipt), text="Aanvulling: het ging om 40.000 euro.", today=TODAY
    )
    recipient, private_key = adviser
    key = services.report_key(report=receipt.report, recipient=recipient, private_key=private_key)
    services.recipient_write(
        report=receipt.report,
        recipient=recipient,
        key=key,
        kind="note",
        text="Intern: navragen bij inkoop",
        today=TODAY,
    )
    dump = all_stored_bytes()
    for secret in (REPORT_TEXT, "zwager", "40.000", "navragen bij inkoop", receipt.secret, receipt.receipt_code):
        assert secret.encode() not in dump
    # ...and the settings do not help: the installation's keys are not among the report's keys.
    assert private_key not in dump


def _key(receipt):
    report, key = services.reporter_open(
        desk=receipt.report.desk, receipt_code=receipt.receipt_code, secret=receipt.secret, now=timezone.now()
    )
    return key


def test_the_recipient_reads_what_was_reported(adviser, receipt):
    recipient, private_key = adviser
    key = services.report_key(report=receipt.report, recipient=recipient, private_key=private_key)
    shown = services.report_read(report=receipt.report, key=key, for_reporter=False)
    assert [m.text for m in shown.messages] == [REPORT_TEXT]
    assert shown.contact == ""


def test_the_receipt_code_and_secret_are_the_only_way_back(desk, receipt):
    now = timezone.now()
    report, key = services.reporter_open(
        desk=desk, receipt_code=receipt.receipt_code.lower(), secret=receipt.secret, now=now
    )
    assert report == receipt.report
    for code, secret in (
        (receipt.receipt_code, crypto.reporter_secret_new()),
        (crypto.receipt_code_new(), receipt.secret),
        (receipt.secret, receipt.receipt_code),
    ):
        with pytest.raises(services.ReporterDenied):
            services.reporter_open(desk=desk, receipt_code=code, secret=secret, now=now)


def test_a_report_locks_after_wrong_secrets_then_opens_again(desk, receipt):
    now = timezone.now()
    for _attempt in range(5):
        with pytest.raises(services.ReporterDenied):
            services.reporter_open(desk=desk, receipt_code=receipt.receipt_code, secret="FOUT", now=now)
    with pytest.raises(services.ReporterDenied, match="Too many|Te veel"):
        services.reporter_open(desk=desk, receipt_code=receipt.receipt_code, secret=receipt.secret, now=now)
    later = now + datetime.timedelta(minutes=31)
    assert services.reporter_open(desk=desk, receipt_code=receipt.receipt_code, secret=receipt.secret, now=later)


def test_another_desks_code_does_not_open_a_report(organisation, facilitator, receipt):
    other = services.desk_create(
        organisation=organisation, actor=facilitator, title="Ander", introduction="x", starts_on=TODAY, ends_on=TODAY
    )
    with pytest.raises(services.ReporterDenied):
        services.reporter_open(desk=other, receipt_code=receipt.receipt_code, secret=receipt.secret, now=timezone.now())


def test_the_reporter_never_sees_internal_notes_or_who_wrote(adviser, receipt):
    recipient, private_key = adviser
    key = services.report_key(report=receipt.report, recipient=recipient, private_key=private_key)
    services.recipient_write(
        report=receipt.report, recipient=recipient, key=key, kind="acknowledgement", text="Ontvangen.", today=TODAY
    )
    services.recipient_write(
        report=receipt.report, recipient=recipient, key=key, kind="note", text="Intern", today=TODAY
    )
    shown = services.report_read(report=receipt.report, key=_key(receipt), for_reporter=True)
    assert [m.text for m in shown.messages] == [REPORT_TEXT, "Ontvangen."]
    assert all(m.author == "" for m in shown.messages)


def test_a_message_to_the_reporter_acknowledges_and_feedback_is_recorded(adviser, receipt):
    recipient, private_key = adviser
    key = services.report_key(report=receipt.report, recipient=recipient, private_key=private_key)
    report = receipt.report
    services.recipient_write(report=report, recipient=recipient, key=key, kind="note", text="n", today=TODAY)
    report.refresh_from_db()
    assert (report.acknowledged_on, report.status) == (None, ReportStatus.RECEIVED)
    day = TODAY + datetime.timedelta(days=3)
    services.recipient_write(report=report, recipient=recipient, key=key, kind="reply", text="Dank", today=day)
    report.refresh_from_db()
    assert (report.acknowledged_on, report.feedback_on, report.status) == (day, None, ReportStatus.IN_PROGRESS)
    services.recipient_write(report=report, recipient=recipient, key=key, kind="feedback", text="Onderzocht", today=day)
    report.refresh_from_db()
    assert report.feedback_on == day


def test_deadlines_follow_the_whistleblower_act(receipt):
    report = receipt.report
    acknowledge, feedback = services.deadlines(report)
    assert acknowledge.due == TODAY + datetime.timedelta(days=7)
    assert feedback.due == datetime.date(2027, 3, 11)  # three months after the seven days
    assert acknowledge.state(TODAY) == "open"
    assert acknowledge.state(TODAY + datetime.timedelta(days=5)) == "soon"
    assert acknowledge.state(TODAY + datetime.timedelta(days=8)) == "overdue"
    assert services.needs_attention(report, TODAY + datetime.timedelta(days=8))[0][1] == "overdue"
    report.acknowledged_on = TODAY + datetime.timedelta(days=2)
    acknowledge, feedback = services.deadlines(report)
    assert acknowledge.state(TODAY + datetime.timedelta(days=30)) == "met"
    assert feedback.due == datetime.date(2027, 3, 6)  # three months after the acknowledgement
    assert feedback.state(datetime.date(2027, 2, 21)) == "soon"
    report.status = ReportStatus.CLOSED
    assert services.needs_attention(report, datetime.date(2027, 4, 1)) == []


def test_a_later_recipient_reads_earlier_reports_only_when_one_is_passed_on(desk, facilitator, adviser, receipt):
    late = UserFactory(email="extern@example.org")
    newcomer = services.recipient_designate(desk=desk, actor=facilitator, email=late.email, role="extern bureau")
    newcomer_key = services.recipient_activate(recipient=newcomer, password=PASSWORD, today=TODAY)
    newcomer.refresh_from_db()
    with pytest.raises(services.DeskError):
        services.report_key(report=receipt.report, recipient=newcomer, private_key=newcomer_key)
    recipient, private_key = adviser
    assert services.recipient_unlock(recipient=recipient, password=PASSWORD)  # unlocking passes nothing on
    assert list(services.report_readers(receipt.report)) == [recipient]
    assert list(services.share_candidates(receipt.report)) == [newcomer]
    key = services.report_key(report=receipt.report, recipient=recipient, private_key=private_key)
    services.report_share(report=receipt.report, recipient=recipient, key=key, other=newcomer)
    key = services.report_key(report=receipt.report, recipient=newcomer, private_key=newcomer_key)
    assert services.report_read(report=receipt.report, key=key, for_reporter=False).messages[0].text == REPORT_TEXT
    assert list(services.report_readers(receipt.report)) == [recipient, newcomer]
    with pytest.raises(services.DeskError):  # once is enough
        services.report_share(report=receipt.report, recipient=recipient, key=key, other=newcomer)
    # ...and new reports are sealed for both at once.
    later = services.report_submit(desk=desk, text="later", category="", contact="", today=TODAY)
    assert set(services.report_readers(later.report)) == {recipient, newcomer}


def test_a_removed_recipient_loses_their_key_copies(desk, facilitator, adviser, receipt):
    recipient, _private_key = adviser
    services.recipient_remove(desk=desk, actor=facilitator, recipient=recipient)
    assert not KeyGrant.objects.filter(report=receipt.report).exists()
    assert Report.objects.filter(desk=desk).count() == 1


def test_a_password_change_keeps_the_key_and_a_reset_loses_it(adviser, receipt):
    recipient, private_key = adviser
    user = recipient.user
    assert services.password_changed(user=user, old_password=PASSWORD, new_password="nieuw-lang-wachtwoord") == 1
    user.set_password("nieuw-lang-wachtwoord")
    user.save()
    recipient.refresh_from_db()
    assert services.recipient_unlock(recipient=recipient, password="nieuw-lang-wachtwoord") == private_key
    user.set_password("na-een-reset-gezet")  # a reset: the old password was not given
    user.save()
    recipient.user.refresh_from_db()
    with pytest.raises(services.DeskError, match="reset|opnieuw ingesteld"):
        services.recipient_unlock(recipient=recipient, password="na-een-reset-gezet")


def test_a_wrong_password_neither_activates_nor_unlocks(desk, facilitator):
    user = UserFactory()
    recipient = services.recipient_designate(desk=desk, actor=facilitator, email=user.email, role="rol")
    with pytest.raises(services.DeskError):
        services.recipient_activate(recipient=recipient, password="fout", today=TODAY)
    recipient.refresh_from_db()
    assert recipient.public_key is None


def test_an_account_without_a_password_cannot_be_a_recipient(desk, facilitator):
    user = UserFactory()
    user.set_unusable_password()  # logs in through the organisation's identity provider (OIDC)
    user.save()
    with pytest.raises(services.DeskError, match="identity provider|identiteitsprovider"):
        services.recipient_designate(desk=desk, actor=facilitator, email=user.email, role="x")
    assert not desk.recipients.exists()


def test_designating_needs_an_existing_account_once(desk, facilitator, adviser):
    with pytest.raises(services.DeskError, match="account"):
        services.recipient_designate(desk=desk, actor=facilitator, email="niemand@example.org", role="x")
    with pytest.raises(services.DeskError):
        services.recipient_designate(desk=desk, actor=facilitator, email=adviser[0].user.email.upper(), role="x")


def test_a_desk_accepts_only_in_its_period_and_with_a_recipient(desk, facilitator):
    with pytest.raises(services.DeskError):
        services.report_submit(desk=desk, text="x", category="", contact="", today=TODAY)  # nobody to read it
    user = UserFactory()
    recipient = services.recipient_designate(desk=desk, actor=facilitator, email=user.email, role="rol")
    services.recipient_activate(recipient=recipient, password=PASSWORD, today=TODAY)
    assert services.report_submit(desk=desk, text="x", category="", contact="", today=TODAY)
    with pytest.raises(services.DeskError):
        services.report_submit(
            desk=desk, text="x", category="", contact="", today=desk.ends_on + datetime.timedelta(days=1)
        )


def test_the_same_form_key_stores_one_report_and_one_message(desk, adviser):
    first = services.report_submit(desk=desk, text="x", category="", contact="", today=TODAY, form_key_hash="a" * 64)
    assert first is not None
    assert (
        services.report_submit(desk=desk, text="x", category="", contact="", today=TODAY, form_key_hash="a" * 64)
        is None
    )
    assert Report.objects.filter(desk=desk).count() == 1
    key = _key(first)
    assert services.reporter_add(report=first.report, key=key, text="y", today=TODAY, form_key_hash="b" * 64)
    assert services.reporter_add(report=first.report, key=key, text="y", today=TODAY, form_key_hash="b" * 64) is None
    assert Message.objects.filter(report=first.report, kind=MessageKind.REPORTER).count() == 2


def test_closed_reports_are_destroyed_after_the_retention_period_and_that_is_logged(desk, adviser, receipt):
    from bestuursspiegel.audit.models import AuditEvent

    recipient, _private_key = adviser
    services.report_status_set(report=receipt.report, recipient=recipient, status=ReportStatus.CLOSED, today=TODAY)
    open_one = services.report_submit(desk=desk, text="nog open", category="", contact="", today=TODAY)
    assert services.reports_destroy(today=datetime.date(2027, 12, 3)) == 0
    assert services.reports_destroy(today=datetime.date(2027, 12, 4)) == 1
    assert list(Report.objects.filter(desk=desk)) == [open_one.report]
    assert not Message.objects.filter(report_id=receipt.report.pk).exists()
    event = AuditEvent.objects.filter(organisation=desk.organisation, action="desk.reports_destroyed").get()
    assert event.detail == {"count": 1}
