import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from bestuursspiegel.reporting_desk import reminders, services
from bestuursspiegel.reporting_desk.models import Report

from .conftest import REPORT_TEXT, TODAY

pytestmark = pytest.mark.django_db


def test_recipients_are_warned_before_the_acknowledgement_term_once_a_week(desk, adviser, receipt):
    assert reminders.send_deadline_warnings(TODAY) == 0  # seven days left
    day = TODAY + datetime.timedelta(days=5)
    assert reminders.send_deadline_warnings(day) == 1
    [message] = mail.outbox
    assert message.to == [adviser[0].user.email]
    assert REPORT_TEXT not in message.body and "belangenverstrengeling" not in message.body.lower()
    assert f"/meldpunt/beheer/{desk.uuid}/meldingen/" in message.body
    assert reminders.send_deadline_warnings(day) == 0  # the same day again: nothing
    assert reminders.send_deadline_warnings(day + datetime.timedelta(days=7)) == 1  # overdue, a week on
    assert "over de termijn" in mail.outbox[-1].body


def test_no_warning_for_a_report_acknowledged_and_closed(desk, adviser, receipt):
    recipient, private_key = adviser
    key = services.report_key(report=receipt.report, recipient=recipient, private_key=private_key)
    services.recipient_write(
        report=receipt.report, recipient=recipient, key=key, kind="acknowledgement", text="ok", today=TODAY
    )
    assert reminders.send_deadline_warnings(TODAY + datetime.timedelta(days=6)) == 0
    services.report_status_set(report=receipt.report, recipient=recipient, status="closed", today=TODAY)
    assert reminders.send_deadline_warnings(datetime.date(2027, 3, 20)) == 0


def test_the_scheduled_commands_run(desk, adviser, receipt, capsys):
    call_command("send_desk_deadline_warnings")
    call_command("destroy_expired_reports")
    out = capsys.readouterr().out
    assert "warning(s) sent" in out and "0 report(s) destroyed" in out
    assert Report.objects.filter(desk=desk).exists()
