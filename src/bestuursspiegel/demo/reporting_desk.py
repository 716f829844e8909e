"""A demo reporting desk: open now, with a designated confidential adviser who made their key, and
one synthetic report with an acknowledgement. Made through the desk's own services."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from bestuursspiegel.reporting_desk import services as desk_services
from bestuursspiegel.reporting_desk.models import ReportingDesk

DEMO_DESK_TITLE = "Demo: tijdelijk meldpunt integriteit"
DEMO_RECIPIENT_EMAIL = "vertrouwenspersoon@voorbeeld.nl"


def demo_desk(*, organisation, actor, password: str) -> ReportingDesk:
    existing = ReportingDesk.objects.filter(organisation=organisation, title=DEMO_DESK_TITLE).first()
    if existing:
        return existing
    today = timezone.localdate()
    desk = desk_services.desk_create(
        organisation=organisation,
        actor=actor,
        title=DEMO_DESK_TITLE,
        introduction=(
            "Dit is een demonstratie. De externe vertrouwenspersoon leest elke melding, bevestigt de ontvangst "
            "binnen zeven dagen en laat binnen drie maanden weten wat ermee is gedaan."
        ),
        starts_on=today - datetime.timedelta(days=14),
        ends_on=today + datetime.timedelta(days=90),
        retention_months=12,
    )
    users = get_user_model().objects
    adviser = users.filter(email=DEMO_RECIPIENT_EMAIL).first() or users.create_user(
        DEMO_RECIPIENT_EMAIL, password, first_name="Demo", last_name="Vertrouwenspersoon"
    )
    recipient = desk_services.recipient_designate(
        desk=desk, actor=actor, email=adviser.email, role="externe vertrouwenspersoon (demo)"
    )
    private_key = desk_services.recipient_activate(recipient=recipient, password=password, today=today)
    recipient.refresh_from_db()
    receipt = desk_services.report_submit(
        desk=desk,
        text="Demo-melding, verzonnen: bij de laatste aanbesteding leek een raadslid vooraf informatie te hebben.",
        category="conflict_of_interest",
        contact="",
        today=today - datetime.timedelta(days=3),
    )
    key = desk_services.report_key(report=receipt.report, recipient=recipient, private_key=private_key)
    desk_services.recipient_write(
        report=receipt.report,
        recipient=recipient,
        key=key,
        kind="acknowledgement",
        text="Dank voor uw melding. Ik heb haar ontvangen en neem binnen drie maanden contact met u op.",
        today=today - datetime.timedelta(days=2),
    )
    return desk
