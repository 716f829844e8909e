"""Nothing lost, nothing doubled: many simultaneous submissions of one invitation."""

import threading

import pytest
from django.db import connection

from bestuursspiegel.assessments.models import Participant
from bestuursspiegel.responses import services
from bestuursspiegel.responses.models import Answer, Response

from .helpers import invite


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_submissions_of_one_invitation_store_one_response(running, facilitator):
    [invitation] = invite(running, facilitator, 1)
    items = list(running.questionnaire.items.all())
    receipts, errors = [], []
    barrier = threading.Barrier(20)

    def submit():
        try:
            participation = services.participation_for_token(invitation.token)
            barrier.wait(timeout=30)
            response = services.response_start(participation=participation, consent_open=False)
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
