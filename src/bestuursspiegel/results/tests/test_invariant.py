"""The promise, played out: no two things the facilitator can ever obtain differ by the answers of
fewer than k respondents.

A Hypothesis state machine plays random metingen: invitations, links opened, partial answers,
submissions, live joins, steps and reveals, paper forms, attempts to change the mode, closing and a
follow-up. After every event it fetches everything the facilitator can fetch (results page, CSV,
XLSX, ODS, PDF text, projector and control screen, trend) and reads the figures back. Then, over all
observations of all moments:

* every figure of a statement rests on at least k answers;
* two different figures of the same statement are nested (one holds the other's answers) and differ
  by at least k answers; the same for the answers behind a group median;
* at one moment every place shows the same figures, the totals are the sum of the shown statements,
  and the trend shows a statement only where the results page does.
"""

import contextlib
import itertools
from collections import defaultdict

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.constants import AssessmentStatus, ParticipantRole
from bestuursspiegel.live import services as live
from bestuursspiegel.responses import services as responses
from bestuursspiegel.responses.tests.helpers import browser, invite, start
from bestuursspiegel.results.services import assessment_close

from .observe import everything

K = 5
ITEMS = 19
VALUES = st.integers(min_value=0, max_value=5)
ROLES = st.sampled_from([ParticipantRole.COUNCILLOR, ParticipantRole.ALDERMAN, ParticipantRole.CLERK])
INVITED_ROLES = st.sampled_from([ParticipantRole.COUNCILLOR, ParticipantRole.ALDERMAN])  # so that groups form


def nested_and_far_apart(a: tuple, b: tuple) -> bool:
    smaller, larger = sorted((a, b), key=sum)
    return all(x <= y for x, y in zip(smaller, larger, strict=True)) and sum(larger) - sum(smaller) >= K


class Meting(RuleBasedStateMachine):
    context: dict = {}  # the pytest fixtures, set by the test

    def __init__(self):
        super().__init__()
        self.client = self.context["client"]
        self.facilitator = self.context["facilitator"]
        self.assessment = self.context["make_assessment"](anonymity_threshold=K)
        assessment_services.assessment_open(assessment=self.assessment, actor=self.facilitator)
        self.metingen = [self.assessment]
        self.invitations, self.browsers = [], {}
        self.session, self.paper_forms = None, 0
        self.figures = defaultdict(set)  # (meting, statement) -> distributions seen
        self.group_answers = defaultdict(set)  # (meting, statement, group) -> answer counts seen
        self.trend_of = {}  # (meting, statement, figure on the page) -> trend share seen with it

    # --- Where a meting may stand when the facilitator starts looking --------------------------------

    @initialize(
        roles=st.lists(INVITED_ROLES, min_size=2, max_size=14),
        submitted=st.integers(min_value=2, max_value=14),
        data=st.data(),
    )
    def respondents(self, roles, submitted, data):
        """Some invited respondents submitted already, others stopped halfway."""
        for role in roles:
            self.invitations += invite(self.assessment, self.facilitator, 1, role=role)
        for index, invitation in enumerate(self.invitations):
            participation = browser(invitation)
            responses.participation_open(participation)
            response = start(participation)
            self.browsers[index] = participation
            done = index < submitted
            numbers = range(1, ITEMS + 1) if done else data.draw(st.sets(st.integers(1, ITEMS), max_size=5))
            for number in numbers:
                item = self.assessment.questionnaire.items.get(number=number)
                responses.answer_save(response=response, item=item, value=data.draw(VALUES))
            if done:
                responses.response_submit(participation=participation)
                invitation.participant.refresh_from_db()

    @initialize(
        phones=st.one_of(st.just([]), st.lists(VALUES, min_size=5, max_size=8)),
        role=ROLES,
        reveal=st.booleans(),
        papers=st.lists(VALUES, max_size=2),
    )
    def live_and_paper(self, phones, role, reveal, papers):
        """Perhaps a live session is running, its first statement perhaps already on the screen."""
        if phones:
            self.live_start()
            self.live_phones(phones, role)
            if reveal:
                self.live_reveal()
        for value in papers:
            self.paper_form(value)

    @property
    def is_open(self) -> bool:
        self.assessment.refresh_from_db()
        return self.assessment.status == AssessmentStatus.OPEN

    # --- Respondents ------------------------------------------------------------------------------

    @precondition(lambda self: len(self.invitations) < 16)
    @rule(count=st.integers(min_value=1, max_value=3))
    def invite(self, count):
        if self.is_open:
            self.invitations += invite(self.assessment, self.facilitator, count)

    @rule(data=st.data())
    def answer_some(self, data):
        """Someone opens their link and saves a few answers (or continues where they stopped)."""
        waiting = [i for i, inv in enumerate(self.invitations) if not inv.participant.has_submitted]
        if not waiting or not self.is_open:
            return
        index = data.draw(st.sampled_from(waiting))
        if index not in self.browsers:
            participation = browser(self.invitations[index])
            responses.participation_open(participation)
            try:
                start(participation)
            except responses.StartedElsewhere:
                return
            self.browsers[index] = participation
        response = self.browsers[index].response()
        if response is None or response.is_submitted:
            return
        numbers = data.draw(st.sets(st.integers(min_value=1, max_value=ITEMS), min_size=1, max_size=ITEMS))
        for number in sorted(numbers):
            item = self.assessment.questionnaire.items.get(number=number)
            responses.answer_save(response=response, item=item, value=data.draw(VALUES))

    @rule(data=st.data())
    def submit(self, data):
        ready = [i for i in self.browsers if not self.invitations[i].participant.has_submitted]
        if not ready or not self.is_open:
            return
        index = data.draw(st.sampled_from(ready))
        participation = self.browsers[index]
        response = participation.response()
        for item in responses.missing_items(response):
            responses.answer_save(response=response, item=item, value=data.draw(VALUES))
        responses.response_submit(participation=participation)
        self.invitations[index].participant.refresh_from_db()

    @rule(value=VALUES)
    def paper_form(self, value):
        if not self.is_open:
            return
        self.paper_forms += 1
        responses.paper_response_create(
            assessment=self.assessment,
            actor=self.facilitator,
            form_id=f"00000000-0000-4000-8000-{self.paper_forms:012d}",
            role=ParticipantRole.COUNCILLOR,
            values={i.pk: value for i in self.assessment.questionnaire.items.all()},
            pattern_values={},
        )

    # --- The live session ---------------------------------------------------------------------------

    @rule()
    def live_start(self):
        if self.session is None and self.is_open:
            self.session = live.session_start(assessment=self.assessment, actor=self.facilitator)

    @precondition(lambda self: self.session is not None)
    @rule(values=st.lists(VALUES, min_size=1, max_size=4), role=ROLES)
    def live_phones(self, values, role):
        self.session.refresh_from_db()
        if not self.session.is_running or not self.is_open:
            return
        for value in values:
            joined = live.join(session=self.session, role=role)
            with contextlib.suppress(ValidationError):  # a revealed statement is closed for answers
                live.answer(session=self.session, participation=joined, item=self.session.current_item, value=value)

    @precondition(lambda self: self.session is not None)
    @rule(number=st.integers(min_value=1, max_value=4))
    def live_step(self, number):
        self.session.refresh_from_db()
        if self.session.is_running:
            self.session = live.session_step(session=self.session, actor=self.facilitator, number=number)

    @precondition(lambda self: self.session is not None)
    @rule()
    def live_reveal(self):
        self.session.refresh_from_db()
        if self.session.is_running and self.is_open:
            self.session = live.session_reveal(session=self.session, actor=self.facilitator)

    # --- The facilitator ----------------------------------------------------------------------------

    @rule()
    def try_to_switch_to_open_comparison(self):
        self.assessment.refresh_from_db()
        if not self.assessment.is_locked:
            return  # nobody has read the promise yet: there is nothing to protect
        with pytest.raises(ValidationError):
            assessment_services.assessment_update(
                assessment=self.assessment,
                actor=self.facilitator,
                title=self.assessment.title,
                run_by=self.assessment.run_by,
                introduction="",
                mode="open",
                anonymity_threshold=K,
            )

    @rule()
    def close(self):
        if self.is_open:
            if self.session is not None and self.session.is_running:
                live.session_end(session=self.session, actor=self.facilitator)
            assessment_close(assessment=self.assessment, actor=self.facilitator)

    @precondition(lambda self: len(self.metingen) == 1)
    @rule()
    def follow_up(self):
        if not self.is_open:
            follow_up, _links = assessment_services.assessment_follow_up(
                previous=self.assessment, actor=self.facilitator
            )
            self.metingen.append(follow_up)

    def teardown(self):
        """Every story ends with the meting closed and one more look: the release against all before."""
        self.close()
        self.nothing_anyone_can_compare_isolates_fewer_than_k()

    # --- What the facilitator sees ------------------------------------------------------------------

    @invariant()
    def nothing_anyone_can_compare_isolates_fewer_than_k(self):
        for meting in self.metingen:
            seen = everything(self.client, meting)
            page = seen["page"]
            # At one moment every place shows the same figures.
            for place in ("csv", "xlsx", "ods", "pdf"):
                assert seen[place] == page, f"{place} differs from the results page"
            if page:
                assert seen["overall"] == tuple(map(sum, zip(*page.values(), strict=True)))
            screens = [seen["projector"], *([seen["control"]] if seen.get("control") else [])]
            figures = [(number, counts) for number, counts in page.items()]
            figures += [screen for screen in screens if screen]
            for number, counts in figures:
                self.figures[(meting.pk, number)].add(counts)
            event(f"released figures: {bool(page)}; revealed figure on screen: {any(screens)}")
            if seen["groups"]:
                event("group comparison shown")
            for (number, group), answers in seen["groups"].items():
                self.group_answers[(meting.pk, number, group)].add(answers)
            column = self.metingen.index(meting) if len(self.metingen) > 1 else 0
            for (number, trend_column), share in seen["trend"].items():
                if trend_column == column:
                    assert number in page, "the trend shows a statement the results page hides"
                    key = (meting.pk, number, page[number])
                    assert self.trend_of.setdefault(key, share) == share
        if any(len(figures) > 1 for figures in self.figures.values()):
            event("a statement was shown with two different figures")
        for figures in self.figures.values():
            assert all(sum(counts) >= K for counts in figures)
            for a, b in itertools.combinations(figures, 2):
                assert nested_and_far_apart(a, b), f"two figures of one statement: {a} and {b}"
        for answers in self.group_answers.values():
            assert all(n >= K for n in answers)
            assert all(abs(a - b) >= K for a, b in itertools.combinations(answers, 2))


@pytest.mark.django_db
def test_no_two_things_the_facilitator_can_obtain_isolate_fewer_than_k(client, facilitator, make_assessment):
    client.login(email=facilitator.email, password=PASSWORD)
    Meting.context = {"client": client, "facilitator": facilitator, "make_assessment": make_assessment}
    run_state_machine_as_test(
        Meting,
        settings=settings(
            max_examples=8,
            stateful_step_count=9,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
