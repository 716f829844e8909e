"""Nothing lost, nothing doubled: many simultaneous submissions of one invitation."""

import threading

import pytest
from django.db import connection

from bestuursspiegel.assessments.models import Participant
from bestuursspiegel.responses import services
from bestuursspiegel.responses.models import Answer, Response

from .helpers import browser, invite, start


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_submissions_of_one_invitation_store_one_response(running, facilitator):
    """One browser sending everything twenty times at once (retries, double clicks, tabs)."""
    [invitation] = invite(running, facilitator, 1)
    one_browser = browser(invitation)
    items = list(running.questionnaire.items.all())
    receipts, errors = [], []
    barrier = threading.Barrier(20)

    def submit():
        participation = one_browser
        try:
            barrier.wait(timeout=30)
            response = start(participation)
            for item in items:
                services.answer_save(response=response, item=item, value=4)
            receipts.append(services.response_submit(participation=participation).receipt)
        except services.AlreadySubmitted:
            receipts.append(services.response_submit(participation=participation).receipt)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
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
    started, elsewhere, errors = [], [], []
    barrier = threading.Barrier(20)

    def begin():
        participation = browser(invitation)
        try:
            barrier.wait(timeout=30)
            started.append(start(participation).pk)
        except services.StartedElsewhere:
            elsewhere.append(participation.resume_code)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=begin) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(started) == 1 and len(elsewhere) == 19
    assert Response.objects.count() == 1 and Participant.objects.get().has_started
