"""Fixtures shared by the apps' tests: a loaded questionnaire, organisations, facilitators,
and the browser set-up for Playwright tests."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.constants import Mode
from bestuursspiegel.organisations.tests.factories import MembershipFactory, OrganisationFactory
from bestuursspiegel.questionnaires.loader import load_questionnaire_files
from bestuursspiegel.questionnaires.services import statement_sequence


@pytest.fixture
def questionnaire(db):
    return load_questionnaire_files()[0].questionnaire


@pytest.fixture
def knowledge(db):
    """The knowledge base as shipped (ladder, helpers, catalogue, ...)."""
    from bestuursspiegel.knowledge.loader import load_knowledge

    return load_knowledge()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttling counters live in the cache; no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    # Test transactions roll back and SQLite then hands out the same keys again, with other rows
    # behind them: something production never does to a questionnaire row.
    statement_sequence.cache_clear()
    yield


@pytest.fixture
def verified_login():
    """Log a client in as a user who passed two-step verification (as staff must)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def login(client, user):
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return device

    return login


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Gemeente Testdorp")


@pytest.fixture
def facilitator(organisation):
    return MembershipFactory(organisation=organisation).user


@pytest.fixture
def other_facilitator(db):
    """A facilitator of another organisation: must never see the first one's data."""
    return MembershipFactory(organisation=OrganisationFactory(name="Gemeente Elders")).user


@pytest.fixture
def make_assessment(questionnaire, organisation, facilitator):
    def make(**kwargs):
        kwargs.setdefault("title", "Meting voorjaar")
        kwargs.setdefault("run_by", "Burgemeester A. de Vries")
        return assessment_services.assessment_create(organisation=organisation, actor=facilitator, **kwargs)

    return make


@pytest.fixture
def assessment(make_assessment):
    return make_assessment()


@pytest.fixture
def open_assessment(make_assessment):
    return make_assessment(mode=Mode.OPEN)


@pytest.fixture
def running(assessment, facilitator):
    """An open anonymous meting with a helper to invite participants."""
    assessment_services.assessment_open(assessment=assessment, actor=facilitator)
    assessment.refresh_from_db()
    return assessment


# --- Browser tests -------------------------------------------------------------------------
# Playwright drives Debian's Chromium; it never downloads a browser of its own.

# Playwright's sync API keeps an event loop in the test thread; Django's ORM calls from that
# thread are still synchronous and safe. Test-only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL"}


@pytest.fixture
def new_context(browser):
    """Open browser contexts with axe-core injected before any page script (so CSP stays strict)."""
    contexts = []

    def make(**kwargs):
        context = browser.new_context(locale="nl-NL", **kwargs)
        context.add_init_script(path=str(AXE_SCRIPT))
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def serious_axe_violations(page) -> list[str]:
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def assert_accessible():
    """Check the current page with axe-core: no serious or critical WCAG 2.1 A/AA violations."""

    def check(page):
        violations = serious_axe_violations(page)
        assert violations == [], f"{page.url}: {violations}"

    return check
