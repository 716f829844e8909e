"""Nothing lost, nothing doubled: many simultaneous submissions of one invitation."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.utils import timezone

from bestuursspiegel.assessments.constants import AssessmentStatus
from bestuursspiegel.assessments.models import Assessment, Participant
from bestuursspiegel.responses import services
from bestuursspiegel.responses.models import Answer, Response

from .helpers import begin, browser, close, invite, start


def at_once(count, work) -> list[str]:
    """Run `work` in `count` threads released at the same moment; return what they raised."""
    barrier, errors = threading.Barrier(count), []

    def run():
        try:
            barrier.wait(timeout=30)
            work()
        except Exception as exc:  # noqa: BLE001 - collected and asserted by the caller
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_submissions_of_one_invitation_store_one_response(running, facilitator):
    """One browser sending everything twenty times at once (retries, double clicks, tabs)."""
    [invitation] = invite(running, facilitator, 1)
    participation = browser(invitation)
    items = list(running.questionnaire.items.all())
    receipts = []

    def submit():
        try:
            response = start(participation)
            for item in items:
                services.answer_save(response=response, item=item, value=4)
        except services.AlreadySubmitted:
            pass  # another thread submitted first: submitting again gives the same receipt
        receipts.append(services.response_submit(participation=participation).receipt)

    assert at_once(20, submit) == []
    assert Response.objects.count() == 1
    assert Answer.objects.count() == len(items)
    assert len(receipts) == 20 and len(set(receipts)) == 1  # every client got the same receipt
    assert Response.objects.get().receipt == receipts[0]
    assert Participant.objects.get().has_submitted


@pytest.mark.django_db(transaction=True)
def test_twenty_browsers_starting_with_one_link_at_once_start_one_response(running, facilitator):
    """The link in twenty browsers at the same moment (forwarded, or used by someone else): one starts,
    the others are told answering started elsewhere. Never two responses for one invitation."""
    [invitation] = invite(running, facilitator, 1)
    started, elsewhere = [], []

    def begin():
        participation = browser(invitation)
        try:
            started.append(start(participation).pk)
        except services.StartedElsewhere:
            elsewhere.append(participation.resume_code)

    assert at_once(20, begin) == []
    assert len(started) == 1 and len(elsewhere) == 19
    assert Response.objects.count() == 1 and Participant.objects.get().has_started


def saving_with_response(participation, item, value) -> bool:
    """The full path: the participation read, then the save. False once refused as closed."""
    try:
        services.answer_save(response=participation.response(), item=item, value=value)
    except services.ParticipationClosed:
        return False
    return True


def saving_with_link(participation, item, value) -> bool:
    """The statement page's one-statement save (no example)."""
    link = {"token": participation.token, "resume_code": participation.resume_code}
    return services.answer_save_with_link(**link, number=item.number, value=value) is not None


def keep_saving(save, participation, items, ended: threading.Event, late: list, errors: list) -> threading.Thread:
    """A thread saving one answer after another until a save is refused. A save that began after
    `ended` was set and still landed is recorded in `late`."""

    def run():
        try:
            for n in range(5000):
                after_end = ended.is_set()
                if not save(participation, items[n % len(items)], n % 5 + 1):
                    return
                if after_end:
                    late.append(n)
        except Exception as exc:  # noqa: BLE001 - collected and asserted by the caller
            errors.append(repr(exc))
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("save", [saving_with_response, saving_with_link])
def test_saves_racing_the_closing_land_before_it_or_are_refused(running, facilitator, save):
    """Respondents keep saving while the facilitator closes: each save lands before the closing or is
    refused; once closing returned, no answer changes (a late one would differ from the release)."""
    participations = [begin(invitation) for invitation in invite(running, facilitator, 4)]
    items = list(running.questionnaire.items.order_by("number"))
    closed, late, errors = threading.Event(), [], []
    threads = [keep_saving(save, p, items, closed, late, errors) for p in participations]
    while Answer.objects.count() < 2 * len(participations):  # everyone is saving
        time.sleep(0.01)
    close(running, facilitator)
    closed.set()
    stored = set(Answer.objects.values_list("response_id", "item_id", "value"))
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and late == []
    assert set(Answer.objects.values_list("response_id", "item_id", "value")) == stored


@pytest.mark.django_db(transaction=True)
def test_saves_racing_the_own_submission_land_before_it_or_are_refused(running, facilitator):
    """A second tab keeps saving while the first submits: after the receipt, no answer changes."""
    participation = begin(invite(running, facilitator, 1)[0])
    items = list(running.questionnaire.items.order_by("number"))
    for item in items:
        assert saving_with_link(participation, item, 3)
    submitted, late, errors = threading.Event(), [], []
    thread = keep_saving(saving_with_link, participation, items, submitted, late, errors)
    time.sleep(0.2)
    services.response_submit(participation=participation)
    submitted.set()
    stored = set(Answer.objects.values_list("item_id", "value"))
    thread.join(timeout=60)
    assert errors == [] and late == []
    assert set(Answer.objects.values_list("item_id", "value")) == stored


def _submitting(response):
    """What submitting does under its lock, left uncommitted."""
    Response.objects.select_for_update().filter(pk=response.pk).update(submitted_on=timezone.localdate())


def _closing(response):
    """What closing does under its lock, left uncommitted."""
    meting = Assessment.objects.unscoped().select_for_update().filter(pk=response.assessment_id)
    meting.update(status=AssessmentStatus.CLOSED)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", [_submitting, _closing])
def test_a_save_during_a_submission_or_closing_waits_for_it_and_is_then_refused(running, facilitator, change):
    """The one statement reads the response and the meting under a shared lock: a save that arrives
    while a submission or the closing holds its lock waits, then sees the change and stores nothing.
    (Without the lock it would store at once, from the state before the change.)"""
    participation = begin(invite(running, facilitator, 1)[0])
    [first, *_rest] = running.questionnaire.items.order_by("number")
    assert saving_with_link(participation, first, 3)
    outcome = []

    def save_now():
        try:
            outcome.append(saving_with_link(participation, first, 5))
        finally:
            connection.close()

    with transaction.atomic():
        change(participation.response())
        thread = threading.Thread(target=save_now)
        thread.start()
        thread.join(timeout=1)
        assert thread.is_alive() and outcome == []  # waiting for the lock
    thread.join(timeout=30)
    assert outcome == [False]
    assert list(Answer.objects.values_list("value", flat=True)) == [3]
