"""Every page type at 320, 390 and 1280 CSS pixels: axe-core (WCAG 2.1 A and AA) with no
violations of any impact, no unresolved duplicate ids, no horizontal scrolling at 320 px, and no
text drawn over other text. One world holds something behind every page.

The outcome per WCAG criterion is compared with `accessibility/data/results.json`, from which the
accessibility statement is made, so the statement cannot drift from what the tests find. After a
deliberate change, write the file anew with `ACCESSIBILITY_RESULTS=write`.
"""

import datetime
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from bestuursspiegel.accessibility import checks
from bestuursspiegel.accounts.tests.factories import PASSWORD, UserFactory
from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.participant_list import ParticipantData
from bestuursspiegel.interpretation import services as interpretation_services
from bestuursspiegel.knowledge.loader import load_knowledge
from bestuursspiegel.knowledge.models import (
    AwarenessStage,
    Bottleneck,
    Buffer,
    Dilemma,
    Helper,
    Instrument,
    Measure,
    Pattern,
    SupportOffer,
)
from bestuursspiegel.live import services as live
from bestuursspiegel.plans import services as plan_services
from bestuursspiegel.responses.tests.helpers import close, invite, respond
from bestuursspiegel.results import services as results_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 390, 1280)
RESULTS = Path(__file__).resolve().parents[1] / "data" / "results.json"
# ACCESSIBILITY_SCREENSHOTS=/some/dir keeps a 320 px screenshot of every page to look at.
SCREENSHOTS = Path(os.environ["ACCESSIBILITY_SCREENSHOTS"]) if os.environ.get("ACCESSIBILITY_SCREENSHOTS") else None


@dataclass
class World:
    """Organisation A with a closed, released meting (groups, examples, patterns), an open one with a
    live session on a revealed statement, and a respondent halfway."""

    base: str
    closed: object
    running: object
    fresh: object
    action: object
    follow_up: object
    links: dict = field(default_factory=dict)


def build_world(live_server, make_assessment, facilitator) -> World:
    load_knowledge()
    closed = make_assessment(title="Meting voorjaar", include_patterns=True)
    assessment_services.assessment_open(assessment=closed, actor=facilitator)
    closed_links = []
    for role, count in (("councillor", 6), ("alderman", 5)):
        for i, invitation in enumerate(invite(closed, facilitator, count, role=role)):
            respond(invitation, lambda item, i=i: (item.number + i) % 5 + 1, examples={2: "Bij de begroting"})
            closed_links.append(invitation.token)
    close(closed, facilitator)
    results_services.results_share(assessment=closed, actor=facilitator, notify=False)
    interpretation_services.shortlist_add(
        assessment=closed, actor=facilitator, instrument=Instrument.objects.get(slug="heidag-organiseren")
    )
    [action] = plan_services.actions_from_shortlist(assessment=closed, actor=facilitator)
    plan_services.integrity_agenda_create(
        organisation=closed.organisation, actor=facilitator, term_start=datetime.date(2026, 3, 30)
    )
    stages = list(AwarenessStage.objects.order_by("order"))
    positions = {s: (stages[i % len(stages)], "") for i, s in enumerate(closed.questionnaire.sections.all())}
    interpretation_services.landkaart_save(assessment=closed, actor=facilitator, positions=positions)
    follow_up, _links = assessment_services.assessment_follow_up(previous=closed, actor=facilitator)

    running = make_assessment(title="Meting najaar", include_patterns=True)
    running = assessment_services.assessment_open(assessment=running, actor=facilitator)
    people = [
        ParticipantData(name="Anna Jansen", email="anna@example.org", role="councillor"),
        ParticipantData(name="Bram de Vries", email="", role="alderman"),
    ]
    invitations = assessment_services.participants_add(assessment=running, actor=facilitator, people=people)
    assessment_services.invitations_deliver(invitations=invitations, actor=facilitator, by_email=False)
    session = live.session_start(assessment=running, actor=facilitator)
    for value in (1, 2, 2, 3, 4):
        joined = live.join(session=session, role="councillor")
        live.answer(session=session, participation=joined, item=session.current_item, value=value)
    live.session_reveal(session=session, actor=facilitator)
    fresh = make_assessment(title="Meting zonder sessie")
    fresh = assessment_services.assessment_open(assessment=fresh, actor=facilitator)
    world = World(live_server.url, closed, running, fresh, action, follow_up)
    world.links = {
        "anna": invitations[0].token,
        "bram": invitations[1].token,
        "code": session.code,
        "closed": closed_links[0],
    }
    return world


@dataclass
class Outcome:
    failures: list = field(default_factory=list)
    criteria: dict = field(default_factory=dict)  # criterion -> "pass" or "fail" (automated checks)
    pages: set = field(default_factory=set)

    def record(self, criterion: str, passed: bool) -> None:
        """A criterion fails if any check of it failed on any page at any width."""
        if self.criteria.get(criterion) != "fail":
            self.criteria[criterion] = "pass" if passed else "fail"


def check(page, name: str, outcome: Outcome) -> None:
    """The page as it is now, at every width (resized, not reloaded)."""
    outcome.pages.add(name)
    if re.search(r"\d{3}_[0-9a-f]{16}\.txt", page.locator("body").inner_text()):
        outcome.failures.append(f"{name}: a source shown as a file name instead of its title")
    if not page.locator(f'footer a[href="{reverse("accessibility:statement")}"]').count():
        outcome.failures.append(f"{name}: no link to the accessibility statement in the footer")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        result = checks.axe(page)
        for rule in result["violations"]:
            nodes = [n["target"] for n in rule["nodes"]][:3]
            outcome.failures.append(f"{name} @{width}: axe {rule['id']} ({rule['impact']}) {nodes}")
        for rule in result["passes"] + result["violations"]:
            for criterion in checks.criteria_of(rule):
                outcome.record(criterion, rule not in result["violations"])
        for rule in result["incomplete"]:
            if rule["id"].startswith("duplicate-id"):
                outcome.failures.append(f"{name} @{width}: needs review {rule['id']}")
            if rule["id"] == "color-contrast":  # decided here: text colour against the background
                for node in rule["nodes"]:
                    ratio = page.evaluate(checks.CONTRAST_OF, node["target"][0])
                    if ratio is None or ratio < 4.5:
                        outcome.failures.append(f"{name} @{width}: contrast {ratio} at {node['target']}")
        if SCREENSHOTS and width == WIDTHS[0]:  # for people to look at, not to assert on
            page.screenshot(path=SCREENSHOTS / f"{name.replace(' ', '-')}.png", full_page=False)
        twice = page.evaluate(checks.DUPLICATE_IDS)
        outcome.record("4.1.1", not twice)
        if twice:
            outcome.failures.append(f"{name} @{width}: duplicate ids {twice}")
        early = page.evaluate(checks.ERROR_STYLE_BEFORE_ANY_ERROR)
        if early:
            outcome.failures.append(f"{name} @{width}: error colour before any error on {early}")
        overlaps = page.evaluate(checks.OVERLAPPING_TEXT)
        outcome.record("1.4.10", not overlaps)
        if overlaps:
            outcome.failures.append(f"{name} @{width}: text over text {overlaps}")
        sideways = page.evaluate(checks.SIDEWAYS_SCROLL)  # 1.4.10 asks 320; phones are wider but not much
        outcome.record("1.4.10", sideways <= 0)
        if sideways > 0:
            widest = page.evaluate(checks.WIDEST)
            outcome.failures.append(f"{name} @{width}: scrolls sideways by {sideways}px ({widest})")


def visit(page, url: str, name: str, outcome: Outcome) -> None:
    response = page.goto(url)
    assert response.status < 500, f"{name}: {response.status}"
    check(page, name, outcome)


def log_in(context, base, user):
    page = context.new_page()
    page.goto(f"{base}/account/inloggen/")
    page.locator("input[name=username]").fill(user.email)  # by name: the same in every language
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    return page


def facilitator_pages(world: World):
    closed, running, fresh = world.closed.uuid, world.running.uuid, world.fresh.uuid
    yield "dashboard", reverse("assessments:dashboard")
    yield "new assessment", reverse("assessments:create")
    yield "assessment", reverse("assessments:detail", args=[closed])
    yield "settings", reverse("assessments:edit", args=[running])
    yield "norms", reverse("assessments:norms", args=[running])
    yield "participants", reverse("assessments:participants", args=[running])
    yield "results released", reverse("results:results", args=[closed])
    yield "results open", reverse("results:results", args=[running])
    yield "examples", reverse("results:examples", args=[closed, 1])
    yield "close", reverse("results:close", args=[running])
    yield "discussion", reverse("interpretation:discussion", args=[closed])
    yield "phase", reverse("interpretation:phase", args=[closed])
    yield "instruments", reverse("interpretation:instruments", args=[closed])
    yield "landkaart", reverse("interpretation:landkaart", args=[closed])
    yield "action plan", reverse("plans:action_plan", args=[closed])
    yield "action", reverse("plans:action_edit", args=[closed, world.action.uuid])
    yield "buffer check", reverse("plans:buffer_check", args=[closed])
    yield "integrity agenda", reverse("plans:agenda")
    yield "paper entry", reverse("reports:paper_entry", args=[running])
    yield "trend", reverse("reports:trend", args=[world.follow_up.uuid])
    yield "live start", reverse("live:control", args=[fresh])
    yield "live control", reverse("live:control", args=[running])
    yield "projector", reverse("live:projector", args=[running])
    yield "own dilemma", reverse("knowledge:dilemma_create")


def public_pages():
    yield "home", reverse("home")
    yield "privacy", reverse("responses:privacy")
    yield "knowledge base", reverse("knowledge:index")
    yield "ladder", reverse("knowledge:ladder")
    yield "instrument", reverse("knowledge:instrument", args=[Instrument.objects.first().slug])
    yield "helpers", reverse("knowledge:helpers")
    yield "helper", reverse("knowledge:helper", args=[Helper.objects.first().slug])
    yield "measures", reverse("knowledge:measures")
    yield "measure", reverse("knowledge:measure", args=[Measure.objects.first().slug])
    yield "case study", reverse("knowledge:case_study")
    yield "pattern", reverse("knowledge:pattern", args=[Pattern.objects.first().slug])
    yield "buffer", reverse("knowledge:buffer", args=[Buffer.objects.first().slug])
    yield "knowledge landkaart", reverse("knowledge:landkaart")
    yield "catalogue", reverse("knowledge:catalogue")
    yield "support offer", reverse("knowledge:offer", args=[SupportOffer.objects.first().slug])
    yield "bottlenecks", reverse("knowledge:bottlenecks")
    yield "bottleneck", reverse("knowledge:bottleneck", args=[Bottleneck.objects.first().slug])
    yield "dilemmas", reverse("knowledge:dilemmas")
    yield "dilemma", reverse("knowledge:dilemma", args=[Dilemma.objects.filter(organisation=None).first().pk])
    yield "search", reverse("knowledge:search") + "?q=vertrouwenspersoon"
    yield "live code", reverse("live:enter")
    yield "accessibility statement", reverse("accessibility:statement")
    yield "not found", "/bestaat-niet/"


def test_every_page_type_at_every_width(live_server, new_context, make_assessment, facilitator, verified_login):
    world = build_world(live_server, make_assessment, facilitator)
    base, outcome = world.base, Outcome()

    anonymous = new_context().new_page()
    for name, url in public_pages():
        visit(anonymous, base + url, name, outcome)
    visit(anonymous, f"{base}/account/inloggen/", "login", outcome)
    anonymous.get_by_role("main").get_by_role("button", name="Inloggen").click()  # nothing filled in
    check(anonymous, "login with errors", outcome)
    visit(anonymous, base + reverse("live:join", args=[world.links["code"]]), "live join", outcome)
    anonymous.get_by_role("button", name="Meedoen").click()  # no role chosen
    check(anonymous, "live join with errors", outcome)

    desk = log_in(new_context(), base, facilitator)
    for name, url in facilitator_pages(world):
        visit(desk, base + url, name, outcome)
    desk.goto(base + reverse("assessments:participants", args=[world.running.uuid]))
    desk.get_by_role("button", name="Deelnemer toevoegen").click()  # nothing filled in
    check(desk, "participants with errors", outcome)

    staff = UserFactory(is_staff=True)
    check_two_step = log_in(new_context(), base, staff)
    check(check_two_step, "two-step set-up", outcome)

    operator_session = Client()  # an operator after two-step login, in a browser
    verified_login(operator_session, UserFactory(is_staff=True, is_superuser=True))
    operator = new_context()
    session_cookie = operator_session.cookies[settings.SESSION_COOKIE_NAME].value
    operator.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session_cookie, "url": base}])
    visit(operator.new_page(), base + reverse("assessments:national"), "operators' overview", outcome)

    phone = new_context().new_page()
    visit(phone, base + reverse("live:join", args=[world.links["code"]]), "live join", outcome)
    phone.get_by_label("Uw rol").select_option(label="raadslid")
    phone.get_by_role("button", name="Meedoen").click()
    check(phone, "live phone revealed", outcome)

    respondent = new_context().new_page()
    visit(respondent, f"{base}/d/{world.links['anna']}/", "welcome", outcome)
    visit(respondent, base + reverse("responses:participants"), "who takes part", outcome)
    respondent.goto(base + reverse("responses:welcome"))
    respondent.get_by_role("button", name="Beginnen").click()
    check(respondent, "resume code", outcome)
    respondent.get_by_role("link", name="Naar de stellingen").click()
    check(respondent, "statement", outcome)
    respondent.get_by_role("button", name="Opslaan en volgende").click()  # no answer chosen
    check(respondent, "statement with errors", outcome)
    for number in range(1, 20):
        respondent.goto(base + reverse("responses:item", args=[number]))
        respondent.get_by_label("soms", exact=True).check()
        respondent.get_by_role("button", name=re.compile("Opslaan en (volgende|controleren)")).click()
    check(respondent, "pattern", outcome)
    for _number in range(6):
        respondent.locator("input[type=radio]").first.check()
        respondent.get_by_role("button", name=re.compile("Opslaan en (volgende|controleren)")).click()
    check(respondent, "overview", outcome)
    respondent.get_by_role("button", name="Antwoorden indienen").click()
    check(respondent, "receipt", outcome)

    shared = new_context().new_page()  # a participant of the closed meting reads the shared results
    shared.goto(f"{base}/d/{world.links['closed']}/")
    visit(shared, base + reverse("shared_results"), "shared results", outcome)

    other = new_context().new_page()  # Bram's link, opened first elsewhere: asks for the resume code
    started = new_context().new_page()
    started.goto(f"{base}/d/{world.links['bram']}/")
    started.get_by_role("button", name="Beginnen").click()
    visit(other, f"{base}/d/{world.links['bram']}/", "resume elsewhere", outcome)

    assert len(outcome.pages) >= 55
    assert outcome.failures == [], "\n".join(outcome.failures)
    compare_with_the_statement(outcome)


def compare_with_the_statement(outcome: Outcome) -> None:
    found = {"pages": len(outcome.pages), "widths": list(WIDTHS), "criteria": dict(sorted(outcome.criteria.items()))}
    if os.environ.get("ACCESSIBILITY_RESULTS") == "write":
        dated = {**found, "checked_on": datetime.date.today().isoformat()}
        RESULTS.write_text(json.dumps(dated, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    stored = json.loads(RESULTS.read_text(encoding="utf-8"))
    stored.pop("checked_on", None)
    assert stored == found, (
        "The accessibility statement no longer matches the tests: run with ACCESSIBILITY_RESULTS=write"
    )
