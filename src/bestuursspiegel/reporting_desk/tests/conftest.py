import datetime

import pytest

from bestuursspiegel.accounts.tests.factories import PASSWORD, UserFactory
from bestuursspiegel.reporting_desk import services

TODAY = datetime.date(2026, 12, 4)
REPORT_TEXT = "De wethouder liet zijn zwager de opdracht gunnen zonder aanbesteding."


@pytest.fixture
def desk(organisation, facilitator):
    return services.desk_create(
        organisation=organisation,
        actor=facilitator,
        title="Tijdelijk meldpunt integriteit",
        introduction="De externe vertrouwenspersoon leest elke melding.",
        starts_on=TODAY - datetime.timedelta(days=30),
        ends_on=TODAY + datetime.timedelta(days=150),
        retention_months=12,
    )


@pytest.fixture
def adviser(desk, facilitator):
    """An external confidential adviser with an account, designated and with a key."""
    user = UserFactory(email="vertrouwenspersoon@example.org")
    recipient = services.recipient_designate(
        desk=desk, actor=facilitator, email=user.email, role="externe vertrouwenspersoon"
    )
    private_key = services.recipient_activate(recipient=recipient, password=PASSWORD, today=TODAY)
    recipient.refresh_from_db()
    return recipient, private_key


@pytest.fixture
def receipt(desk, adviser):
    return services.report_submit(desk=desk, text=REPORT_TEXT, category="conflict_of_interest", contact="", today=TODAY)
