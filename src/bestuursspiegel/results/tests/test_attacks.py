"""The routes by which a careful facilitator, with only the product's own pages, learned what one
named person answered (issue "Anonymous means anonymous"). Each test is the attack; it must fail.
"""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.constants import ParticipantRole
from bestuursspiegel.assessments.models import Assessment
from bestuursspiegel.assessments.participant_list import ParticipantData
from bestuursspiegel.live import services as live
from bestuursspiegel.responses import services as responses
from bestuursspiegel.responses.models import Answer
from bestuursspiegel.responses.tests.helpers import close, invite, respond, start_here

from .observe import csv_cells, page_cells, page_examples, page_groups, page_overall, projector_cell

SECRET = "Wethouder K. zei dat ik mijn mond moest houden"


@pytest.fixture
def watch(client, facilitator):
    """The facilitator's browser, saving what the results page and the export show."""
    client.login(email=facilitator.email, password=PASSWORD)

    def look(assessment):
        page = client.get(reverse("results:results", args=[assessment.uuid])).content.decode()
        export = client.get(reverse("reports:results_export", args=[assessment.uuid, "csv"])).content
        return {"page": page_cells(page), "csv": csv_cells(export), "examples": page_examples(page), "html": page}

    return look


def item(assessment, number):
    return assessment.questionnaire.items.get(number=number)


# --- Two moments compared -----------------------------------------------------------------------


def test_results_and_export_before_and_after_the_sixth_submission_are_the_same(running, facilitator, watch):
    """Save the page and the CSV at 5 submissions and again at 6: the difference would be the sixth
    person's 19 answers. While the meting is open nothing moves; at closing all six come at once."""
    invitations = invite(running, facilitator, 6)
    for invitation in invitations[:5]:
        respond(invitation, 2)
    at_five = watch(running)
    respond(invitations[5], 5)  # the person the facilitator watches submit
    at_six = watch(running)
    assert (at_five["page"], at_five["csv"]) == (at_six["page"], at_six["csv"]) == ({}, {})
    close(running, facilitator)
    released = watch(running)
    assert len(released["page"]) == 19 and all(sum(c) == 6 for c in released["page"].values())
    assert released["page"] == released["csv"]


def test_examples_at_ten_and_eleven_respondents_are_the_same(running, facilitator, watch, client):
    invitations = invite(running, facilitator, 11)
    for invitation in invitations[:10]:
        respond(invitation, 3, examples={4: "Iets algemeens"})
    at_ten = watch(running)["examples"]
    respond(invitations[10], 3, examples={4: SECRET})
    at_eleven = watch(running)["examples"]
    assert at_ten == at_eleven == {}
    close(running, facilitator)
    # The results page shows 10 of the 11, in random order; the statement's page shows them all.
    assert len(watch(running)["examples"][4]) == 10
    every = client.get(reverse("results:examples", args=[running.uuid, 4])).content.decode()
    assert every.count(SECRET) == 1  # among eleven, at once


@pytest.fixture
def session(running, facilitator):
    return live.session_start(assessment=running, actor=facilitator)


def _phones(session, values, role=ParticipantRole.COUNCILLOR):
    for value in values:
        joined = live.join(session=session, role=role)
        live.answer(session=session, participation=joined, item=session.current_item, value=value)


@pytest.mark.parametrize(("later", "published"), [(2, False), (5, True)])
def test_a_live_reveal_and_the_final_results_never_differ_by_fewer_than_k(
    running, facilitator, session, client, watch, later, published
):
    """The projector showed statement 1 for the five phones. Two colleagues answer it later by link:
    comparing the projector with the final results would give their answers. They stay out of view
    until at least five more came."""
    client.login(email=facilitator.email, password=PASSWORD)
    _phones(session, [1, 1, 2, 2, 3])
    live.session_reveal(session=session, actor=facilitator)
    screen = projector_cell(client.get(reverse("live:projector", args=[running.uuid])).content.decode())
    assert screen == (1, (2, 2, 1, 0, 0, 0))
    for invitation in invite(running, facilitator, later):
        respond(invitation, 5)
    live.session_end(session=session, actor=facilitator)
    close(running, facilitator)
    final = watch(running)
    if published:
        assert final["page"][1] == (2, 2, 1, 0, 5, 0)  # five more at once: no one isolated
    else:
        assert final["page"][1] == screen[1]  # the two late answers are counted, not shown
        assert "2 antwoorden die werden gegeven nadat deze stelling in de live-sessie was getoond" in final["html"]
    # Afterwards the projector shows that figure or none: never a second, different one.
    after = projector_cell(client.get(reverse("live:projector", args=[running.uuid])).content.decode())
    assert after in (None, screen)


def test_no_reveal_after_closing(running, facilitator, session):
    _phones(session, [1, 2, 3, 4, 5])
    close(running, facilitator)
    with pytest.raises(Exception):  # noqa: B017, PT011 - refused, whatever the message
        live.session_reveal(session=session, actor=facilitator)
    assert not running.releases.filter(kind="reveal").exists()


# --- The personal link reopened -------------------------------------------------------------------


@pytest.fixture
def link(running, facilitator):
    """The facilitator invited someone and saw the link (it was shown to copy by hand)."""
    [invitation] = invite(running, facilitator, 1)
    return invitation


def _fresh_browser_reads(link_token) -> str:
    other = Client()
    pages = [other.get(reverse("responses:enter", args=[link_token]), follow=True)]
    for name in ("responses:welcome", "responses:receipt", "responses:overview", "responses:resume_code"):
        pages.append(other.get(reverse(name), follow=True))
    pages.append(other.get(reverse("responses:item", args=[1]), follow=True))
    return " ".join(page.content.decode() for page in pages)


def test_a_submitted_link_opened_elsewhere_shows_no_answers(client, link, running, facilitator):
    client.get(reverse("responses:enter", args=[link.token]))
    start_here(client)
    client.post(reverse("responses:item", args=[1]), {"value": 1, "example": SECRET, "go": "next"})
    for number in range(2, 20):
        client.post(reverse("responses:item", args=[number]), {"value": 2, "go": "next"})
    client.post(reverse("responses:submit"))
    receipt = Answer.objects.first().response.receipt
    seen = _fresh_browser_reads(link.token)
    assert SECRET not in seen and receipt not in seen and "zijn ingediend" in seen
    close(running, facilitator)
    assert SECRET not in _fresh_browser_reads(link.token)
    # The respondent's own browser shows the receipt, but not the answers either.
    own = client.get(reverse("responses:receipt")).content.decode()
    assert receipt in own and SECRET not in own


def test_a_started_link_opened_elsewhere_neither_shows_nor_changes_answers(client, link):
    client.get(reverse("responses:enter", args=[link.token]))
    start_here(client)
    client.post(reverse("responses:item", args=[1]), {"value": 1, "example": SECRET, "go": "next"})
    assert SECRET not in _fresh_browser_reads(link.token)
    other = Client()
    other.get(reverse("responses:enter", args=[link.token]))
    other.post(reverse("responses:item", args=[1]), {"value": 5, "example": "Overschreven", "go": "next"})
    other.post(reverse("responses:start"), {"resume_code": "ABCDEFGHJKMN"})
    other.post(reverse("responses:submit"))
    [answer] = Answer.objects.all()
    assert answer.value == 1 and not answer.response.is_submitted


# --- Mode switched after a respondent started ----------------------------------------------------


def test_the_mode_cannot_change_once_a_respondent_has_opened_the_link(client, link, running, facilitator):
    """The respondent reads "anonymous" on the welcome page; the facilitator then switches to open
    comparison before the first answer. Opening the link fixes the settings."""
    client.get(reverse("responses:enter", args=[link.token]))
    assert "Uw antwoorden zijn anoniem." in client.get(reverse("responses:welcome")).content.decode()
    desk = Client()
    desk.login(email=facilitator.email, password=PASSWORD)
    data = {"title": running.title, "run_by": running.run_by, "mode": "open", "anonymity_threshold": 5}
    desk.post(reverse("assessments:edit", args=[running.uuid]), data)  # the fixed fields ignore what is posted
    assert Assessment.objects.unscoped().get(pk=running.pk).mode == "anonymous"
    with pytest.raises(ValidationError):  # and the service refuses, whatever a form would send
        assessment_services.assessment_update(
            assessment=running,
            actor=facilitator,
            title="x",
            run_by="x",
            introduction="",
            mode="open",
            anonymity_threshold=5,
        )
    assert "Uw antwoorden zijn anoniem." in client.get(reverse("responses:welcome")).content.decode()


# --- Hidden cells derived ------------------------------------------------------------------------


def test_totals_leave_hidden_statements_out(running, facilitator, session, watch):
    """Five phones answer statement 1, three answer statement 2: statement 2 is hidden. "All statements
    together" minus statement 1 would otherwise give those three answers."""
    _phones(session, [1, 2, 3, 4, 5])
    session = live.session_step(session=session, actor=facilitator, number=2)
    _phones(session, [5, 5, 4])
    live.session_end(session=session, actor=facilitator)
    close(running, facilitator)
    seen = watch(running)
    assert list(seen["page"]) == [1]
    assert page_overall(seen["html"]) == seen["page"][1]


def test_group_medians_rest_on_enough_answers_on_every_statement(running, facilitator, session, watch):
    """Five council members answer by link; five aldermen join live, but only one answers statement 1.
    The college's median on statement 1 would be that one alderman's answer."""
    for invitation in invite(running, facilitator, 5):
        respond(invitation, 4)
    _phones(session, [1], role=ParticipantRole.ALDERMAN)
    session = live.session_step(session=session, actor=facilitator, number=2)
    _phones(session, [2, 2, 2, 2, 2], role=ParticipantRole.ALDERMAN)
    live.session_end(session=session, actor=facilitator)
    close(running, facilitator)
    groups = page_groups(watch(running)["html"])
    assert groups, "the comparison is shown where it is safe"
    assert all(n >= 5 for n in groups.values())
    assert not any(number == 1 for number, _group in groups)


# --- Padding --------------------------------------------------------------------------------------


def _paper(assessment, facilitator, count, value=3):
    items = list(assessment.questionnaire.items.all())
    for n in range(count):
        responses.paper_response_create(
            assessment=assessment,
            actor=facilitator,
            form_id=f"00000000-0000-4000-8000-{n:012d}",
            role=ParticipantRole.COUNCILLOR,
            values={i.pk: value for i in items},
            pattern_values={},
        )


@pytest.mark.parametrize(
    ("paper", "real", "shown"), [(4, 1, False), (9, 4, False), (0, 5, True), (4, 5, True), (5, 0, True)]
)
def test_paper_forms_typed_in_by_the_facilitator_never_carry_a_person_over_the_threshold(
    running, facilitator, watch, paper, real, shown
):
    _paper(running, facilitator, paper)
    for invitation in invite(running, facilitator, real):
        respond(invitation, 1)
    close(running, facilitator)
    seen = watch(running)
    assert bool(seen["page"]) is shown and bool(seen["csv"]) is shown


def test_respondents_see_extra_names_handed_out_links_paper_forms_and_live_joins(client, running, facilitator, session):
    """Padding cannot go unseen: the facilitator adds a name with an address of their own and takes the
    link, types in paper forms and joins the live session from extra devices."""
    [real] = invite(running, facilitator, 1)
    assessment_services.invitations_deliver(invitations=[real], actor=facilitator, by_email=True)
    extra = assessment_services.participants_add(
        assessment=running,
        actor=facilitator,
        people=[ParticipantData(name="Extra Persoon", email="griffier.prive@example.org", role="councillor")],
    )
    assessment_services.invitations_deliver(invitations=extra, actor=facilitator, by_email=False)
    _paper(running, facilitator, 2)
    _phones(session, [3, 3, 3])
    client.get(reverse("responses:enter", args=[real.token]))
    for name in ("responses:welcome", "responses:participants"):
        assert client.get(reverse(name)).status_code == 200
    page = " ".join(client.get(reverse("responses:participants")).content.decode().split())
    assert "Extra Persoon" in page and real.participant.name in page
    assert "<dt>Links gemaild door Bestuursspiegel</dt><dd>1</dd>" in page
    assert "<dt>Links uitgedeeld door de organisator</dt><dd>1</dd>" in page
    assert "<dt>Papieren formulieren ingevoerd door de organisator</dt><dd>2</dd>" in page
    assert "3 apparaten deden mee" in page
    joining = " ".join(Client().get(reverse("live:join", args=[session.code])).content.decode().split())
    assert "Extra Persoon" in joining and "3 apparaten deden mee" in joining


@pytest.mark.parametrize(
    ("late_councillors", "late_aldermen", "compared"),
    [(3, 5, False), (0, 5, True), (5, 5, True)],
)
def test_a_group_figure_and_a_live_reveal_never_differ_by_fewer_than_k(
    running, facilitator, session, watch, late_councillors, late_aldermen, compared
):
    """Five council members on the projector; later some council members and aldermen answer by link.
    The final council median would rest on the revealed five plus the late council members: compared
    with the projector, that would isolate the late ones unless there are at least five of them."""
    _phones(session, [1, 1, 2, 2, 3])
    live.session_reveal(session=session, actor=facilitator)
    for role, count in ((ParticipantRole.COUNCILLOR, late_councillors), (ParticipantRole.ALDERMAN, late_aldermen)):
        for invitation in invite(running, facilitator, count, role=role):
            respond(invitation, 4)
    live.session_end(session=session, actor=facilitator)
    close(running, facilitator)
    seen = watch(running)
    assert sum(seen["page"][1]) == 5 + late_councillors + late_aldermen  # the statement itself is published
    groups = {group: n for (number, group), n in page_groups(seen["html"]).items() if number == 1}
    if compared:
        assert groups and all(n == 5 or n >= 10 or n == late_aldermen for n in groups.values())
    else:
        assert groups == {}
