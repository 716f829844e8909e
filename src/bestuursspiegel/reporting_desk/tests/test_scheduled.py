import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from bestuursspiegel.reporting_desk import reminders, services
from bestuursspiegel.reporting_desk.models import Report

from .conftest import REPORT_TEXT, TODAY

pytestmark = pytest.mark.django_db


def test_recipients_hear_of_a_new_report_once_and_without_its_content(desk, adviser, receipt):
    assert reminders.send_daily_notices(TODAY) == 1
    [message] = mail.outbox
    assert message.to == [adviser[0].user.email]
    assert "1 nieuwe melding" in message.body
    assert REPORT_TEXT not in message.body and "belangenverstrengeling" not in message.body.lower()
    assert f"/meldpunt/beheer/{desk.uuid}/meldingen/" in message.body
    assert reminders.send_daily_notices(TODAY) == 0  # nothing new the same day


def test_a_message_from_the_reporter_is_announced_as_such(desk, adviser, receipt):
    reminders.send_daily_notices(TODAY)
    _report, key = services.reporter_open(
        desk=desk, receipt_code=receipt.receipt_code, secret=receipt.secret, now=timezone.now()
    )
    services.reporter_add(report=receipt.report, key=key, text="Aanvulling", today=TODAY)
    assert reminders.send_daily_notices(TODAY) == 1
    assert "1 nieuw bericht van een melder" in mail.outbox[-1].body
    assert "nieuwe melding" not in mail.outbox[-1].body


def test_recipients_are_warned_before_the_acknowledgement_term_once_a_week(desk, adviser, receipt):
    reminders.send_daily_notices(TODAY)  # the new report
    assert reminders.send_daily_notices(TODAY + datetime.timedelta(days=1)) == 0  # six days left
    day = TODAY + datetime.timedelta(days=5)
    assert reminders.send_daily_notices(day) == 1
    assert "binnenkort een ontvangstbevestiging of terugkoppeling nodig" in mail.outbox[-1].body
    assert reminders.send_daily_notices(day) == 0  # the same day again: nothing
    assert reminders.send_daily_notices(day + datetime.timedelta(days=7)) == 1  # overdue, a week on
    assert "over de termijn" in mail.outbox[-1].body


def test_no_warning_for_a_report_acknowledged_and_closed(desk, adviser, receipt):
    reminders.send_daily_notices(TODAY)
    recipient, private_key = adviser
    key = services.report_key(report=receipt.report, recipient=recipient, private_key=private_key)
    services.recipient_write(
        report=receipt.report, recipient=recipient, key=key, kind="acknowledgement", text="ok", today=TODAY
    )
    assert reminders.send_daily_notices(TODAY + datetime.timedelta(days=6)) == 0
    services.report_status_set(report=receipt.report, recipient=recipient, status="closed", today=TODAY)
    assert reminders.send_daily_notices(datetime.date(2027, 3, 20)) == 0


def test_the_scheduled_commands_run(desk, adviser, receipt, capsys):
    call_command("send_desk_notices")
    call_command("destroy_expired_reports")
    out = capsys.readouterr().out
    assert "1 notice(s) sent" in out and "0 report(s) destroyed" in out
    assert Report.objects.filter(desk=desk).exists()
