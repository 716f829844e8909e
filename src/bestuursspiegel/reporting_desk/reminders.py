"""E-mail recipients before a legal term runs out (seven days for the acknowledgement, three months
for feedback; see constants). The e-mail says how many reports need attention and links to the
desk; it names no category, date or word of any report. At most once a week per report."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .constants import ReportStatus
from .models import Recipient, Report
from .services import needs_attention

REPEAT_AFTER = datetime.timedelta(days=7)


def send_deadline_warnings(today: datetime.date) -> int:
    """One e-mail per active recipient of each desk with reports near or past a term."""
    # Across organisations on purpose: a scheduled job for the whole installation.
    open_reports = Report.objects.unscoped().exclude(status=ReportStatus.CLOSED).select_related("desk")
    due: dict = {}
    for report in open_reports:
        if report.warned_on and report.warned_on + REPEAT_AFTER > today:
            continue
        if needs_attention(report, today):
            due.setdefault(report.desk, []).append(report)
    sent = 0
    for desk, reports in due.items():
        overdue = sum(1 for r in reports if any(state == "overdue" for _d, state in needs_attention(r, today)))
        context = {
            "desk": desk,
            "count": len(reports),
            "overdue": overdue,
            "url": settings.SITE_URL.rstrip("/") + reverse("reporting_desk:reports", args=[desk.uuid]),
        }
        recipients = Recipient.objects.filter(desk=desk).active().select_related("user")
        for recipient in recipients:
            send_mail(
                subject=render_to_string("reporting_desk/email/deadline_subject.txt", context).strip(),
                message=render_to_string("reporting_desk/email/deadline.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[recipient.user.email],
            )
            sent += 1
        Report.objects.filter(desk=desk, pk__in=[r.pk for r in reports]).update(warned_on=today)
    return sent
