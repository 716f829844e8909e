"""Nothing lost, nothing doubled: many simultaneous submissions of one invitation."""

import threading
import time

import pytest
from django.db import connection

from bestuursspiegel.assessments.models import Participant
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


@pytest.mark.django_db(transaction=True)
def test_saves_racing_the_closing_land_before_it_or_are_refused(running, facilitator):
    """Respondents keep saving while the facilitator closes: each save lands before the closing or is
    refused; once closing returned, no answer changes (a late one would differ from the release)."""
    participations = [begin(invitation) for invitation in invite(running, facilitator, 4)]
    items = list(running.questionnaire.items.order_by("number"))
    closed, late, errors = threading.Event(), [], []

    def keep_saving(participation):
        response = participation.response()
        try:
            for n in range(5000):
                after_closing = closed.is_set()
                try:
                    services.answer_save(response=response, item=items[n % len(items)], value=n % 5 + 1)
                except services.ParticipationClosed:
                    return
                if after_closing:
                    late.append(n)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=keep_saving, args=(p,)) for p in participations]
    for thread in threads:
        thread.start()
    while Answer.objects.count() < 2 * len(participations):  # everyone is saving
        time.sleep(0.01)
    close(running, facilitator)
    closed.set()
    stored = set(Answer.objects.values_list("response_id", "item_id", "value"))
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and late == []
    assert set(Answer.objects.values_list("response_id", "item_id", "value")) == stored
