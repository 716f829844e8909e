"""A daily e-mail to recipients: how many new reports and new messages from reporters came in, and
how many reports near or passed a legal term (seven days for the acknowledgement, three months for
feedback; see constants). It names no category, date or word of any report, and is sent once a day
rather than at each report, so that the mail system does not date reports to the minute. A report
near a term is counted at most once a week."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Min
from django.template.loader import render_to_string
from django.urls import reverse

from .constants import MessageKind, ReportStatus
from .models import Message, Recipient, Report
from .services import needs_attention

REPEAT_AFTER = datetime.timedelta(days=7)


@dataclass
class Notice:
    new_reports: int = 0
    new_messages: int = 0
    attention: int = 0
    overdue: int = 0


def _notices(today: datetime.date) -> tuple[dict, list, list]:
    # Across organisations on purpose: a scheduled job for the whole installation.
    notices: dict = {}
    unannounced = list(Message.objects.filter(kind=MessageKind.REPORTER, notified=False).select_related("report__desk"))
    firsts = dict(
        Message.objects.filter(report__in={m.report_id for m in unannounced}, kind=MessageKind.REPORTER)
        .values("report_id")
        .annotate(first=Min("id"))
        .values_list("report_id", "first")
    )
    for message in unannounced:
        notice = notices.setdefault(message.report.desk, Notice())
        if firsts.get(message.report_id) == message.pk:
            notice.new_reports += 1
        else:
            notice.new_messages += 1
    warned = []
    open_reports = Report.objects.unscoped().exclude(status=ReportStatus.CLOSED).select_related("desk")
    for report in open_reports:
        if report.warned_on and report.warned_on + REPEAT_AFTER > today:
            continue
        states = [state for _deadline, state in needs_attention(report, today)]
        if states:
            notice = notices.setdefault(report.desk, Notice())
            notice.attention += 1
            notice.overdue += "overdue" in states
            warned.append(report.pk)
    return notices, [m.pk for m in unannounced], warned


def send_daily_notices(today: datetime.date) -> int:
    """One e-mail per active recipient of each desk with something new or a term near."""
    notices, announced, warned = _notices(today)
    sent = 0
    for desk, notice in notices.items():
        context = {
            "desk": desk,
            "notice": notice,
            "url": settings.SITE_URL.rstrip("/") + reverse("reporting_desk:reports", args=[desk.uuid]),
        }
        for recipient in Recipient.objects.filter(desk=desk).active().select_related("user"):
            send_mail(
                subject=render_to_string("reporting_desk/email/notice_subject.txt", context).strip(),
                message=render_to_string("reporting_desk/email/notice.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[recipient.user.email],
            )
            sent += 1
    Message.objects.filter(pk__in=announced).update(notified=True)
    Report.objects.unscoped().filter(pk__in=warned).update(warned_on=today)
    return sent
