import re

import pytest
from django.conf import settings
from django.urls import reverse

from bestuursspiegel.assessments.constants import ParticipantRole
from bestuursspiegel.interpretation.models import DiscussionNote
from bestuursspiegel.live import services
from bestuursspiegel.live.models import LiveSession
from bestuursspiegel.responses.models import Answer, Response


@pytest.fixture
def facilitator_client(client, facilitator):
    client.force_login(facilitator)
    return client


def _start(client, assessment):
    response = client.post(reverse("live:start", args=[assessment.uuid]))
    assert response.status_code == 302
    return LiveSession.objects.get(assessment=assessment)


def test_facilitator_runs_a_session_without_javascript(facilitator_client, running):
    session = _start(facilitator_client, running)
    page = facilitator_client.get(reverse("live:control", args=[running.uuid]))
    assert page.status_code == 200 and session.code in page.content.decode()
    assert "Nog minder dan 5 antwoorden" in page.content.decode()  # a reveal now would close it unseen
    projector = facilitator_client.get(reverse("live:projector", args=[running.uuid]))
    assert session.code in projector.content.decode() and "live-projector" in projector.content.decode()
    qr = facilitator_client.get(reverse("live:qr", args=[running.uuid]))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    step = facilitator_client.post(reverse("live:step", args=[running.uuid]), {"number": "3"})
    assert step.status_code == 302
    session.refresh_from_db()
    assert session.current_item.number == 3
    status = facilitator_client.get(reverse("live:status", args=[running.uuid])).json()
    assert status == {"version": session.version, "answered": 0, "joined": 0}
    facilitator_client.post(reverse("live:notes", args=[running.uuid]), {"notes": "Veel herkenning", "conclusions": ""})
    assert DiscussionNote.objects.get(assessment=running, item=session.current_item).notes == "Veel herkenning"
    facilitator_client.post(reverse("live:reveal", args=[running.uuid]))
    assert session.reveals.filter(item=session.current_item).exists()
    confirm = facilitator_client.get(reverse("live:end", args=[running.uuid]))  # asks first
    assert confirm.status_code == 200 and LiveSession.objects.get().is_running
    end = facilitator_client.post(reverse("live:end", args=[running.uuid]))
    assert end.status_code == 302 and end["Location"] == reverse("results:results", args=[running.uuid])


def test_bad_facilitator_input_is_refused_in_dutch(facilitator_client, running):
    _start(facilitator_client, running)
    for number in ["x", "", "-3", "0", "20", "9" * 40]:
        step = facilitator_client.post(reverse("live:step", args=[running.uuid]), {"number": number})
        assert step.status_code == 400, number
        assert "Deze stelling hoort niet bij deze meting." in step.content.decode(), number
    notes = facilitator_client.post(reverse("live:notes", args=[running.uuid]), {"notes": "x" * 4001})
    assert notes.status_code == 400
    assert not DiscussionNote.objects.exists()


def test_start_on_a_draft_meting_is_refused(facilitator_client, assessment):
    response = facilitator_client.post(reverse("live:start", args=[assessment.uuid]))
    assert response.status_code == 409
    assert not LiveSession.objects.exists()


def test_participant_joins_by_code_and_answers_without_javascript(client, running, facilitator):
    session = services.session_start(assessment=running, actor=facilitator)
    entered = client.post(reverse("live:enter"), {"code": session.code.lower()})
    assert entered["Location"] == reverse("live:join", args=[session.code])
    join_page = client.get(entered["Location"])
    assert join_page.status_code == 200 and "anoniem" in join_page.content.decode()
    missing_role = client.post(entered["Location"], {"role": ""})
    assert missing_role.status_code == 400 and "Kies uw rol." in missing_role.content.decode()
    joined = client.post(entered["Location"], {"role": ParticipantRole.COUNCILLOR})
    assert joined["Location"] == reverse("live:participant")
    assert joined.cookies[settings.INVITATION_COOKIE_NAME]["httponly"]
    assert joined["Referrer-Policy"] == "no-referrer"
    # Joining again from the same device returns to its place instead of adding a participant.
    assert client.get(entered["Location"])["Location"] == reverse("live:participant")
    assert Response.objects.filter(source="live").count() == 1

    page = client.get(reverse("live:participant"))
    assert page.status_code == 200 and session.current_item.text in page.content.decode()
    invalid = client.post(reverse("live:participant"), {"number": "1", "value": "9"})
    assert invalid.status_code == 400 and "Dit antwoord staat niet op de schaal." in invalid.content.decode()
    saved = client.post(reverse("live:participant"), {"number": "1", "value": "2"})
    assert saved.status_code == 302
    again = client.post(reverse("live:participant"), {"number": "1", "value": "4"})  # a change, not a duplicate
    assert again.status_code == 302
    assert list(Answer.objects.values_list("value", flat=True)) == [4]
    marked = client.get(reverse("live:participant")).content.decode()  # the saved answer is the checked option
    assert re.findall(r'<input[^>]*value="(\d)"[^>]*checked', marked) == ["4"]
    assert client.get(reverse("live:participant_status")).json() == {"version": session.version, "running": True}

    services.session_reveal(session=session, actor=facilitator)
    closed = client.post(reverse("live:participant"), {"number": "1", "value": "1"})
    assert closed.status_code == 400 and "gesloten" in closed.content.decode()
    assert list(Answer.objects.values_list("value", flat=True)) == [4]


def test_unknown_codes_are_throttled_but_the_real_code_still_works(client, running, facilitator, settings):
    settings.INVITATION_GUESS_LIMIT = 3
    session = services.session_start(assessment=running, actor=facilitator)
    for _ in range(3):
        response = client.post(reverse("live:enter"), {"code": "AAAAAAAA"})
        assert response.status_code == 400 and "Geen live-sessie" in response.content.decode()
    assert client.post(reverse("live:enter"), {"code": "AAAAAAAA"}).status_code == 429
    assert client.get(reverse("live:join", args=["AAAAAAAA"])).status_code == 429
    # Someone in the room behind the same address types the code from the screen: it works.
    typed = client.post(reverse("live:enter"), {"code": session.code.lower()})
    assert typed.status_code == 302 and typed["Location"] == reverse("live:join", args=[session.code])
    assert client.get(reverse("live:join", args=[session.code])).status_code == 200


def test_unknown_code_in_the_address_is_a_404(client, db):
    response = client.get(reverse("live:join", args=["QQQQQQ"]))
    assert response.status_code == 404


def test_participant_pages_need_the_cookie(client, db):
    assert client.get(reverse("live:participant")).status_code == 403
    assert client.get(reverse("live:participant_status")).status_code == 403


def test_participant_page_refuses_odd_input_and_answers_after_the_end(client, running, facilitator):
    session = services.session_start(assessment=running, actor=facilitator)
    client.post(reverse("live:join", args=[session.code]), {"role": ParticipantRole.ALDERMAN})
    for number in ["x", "", "99", "1" * 50, "-1"]:
        response = client.post(reverse("live:participant"), {"number": number, "value": "2"})
        assert response.status_code == 400, number
        assert "Deze stelling hoort niet bij deze meting." in response.content.decode()
    services.session_end(session=session, actor=facilitator)
    ended = client.post(reverse("live:participant"), {"number": "1", "value": "2"})
    assert ended.status_code == 409 and "De live-sessie is afgelopen" in ended.content.decode()
    assert not Answer.objects.exists()


def test_a_link_participant_is_sent_to_the_normal_pages(client, running, facilitator):
    from bestuursspiegel.responses.tests.helpers import invite, start_here

    services.session_start(assessment=running, actor=facilitator)
    [invitation] = invite(running, facilitator, 1)
    client.get(reverse("responses:enter", args=[invitation.token]))
    assert client.get(reverse("live:participant"))["Location"] == reverse("responses:welcome")
    start_here(client)
    assert client.get(reverse("live:participant"))["Location"] == reverse("responses:welcome")


def test_closing_the_meting_during_a_session_stops_joining_and_answering(client, running, facilitator):
    from bestuursspiegel.results.services import assessment_close

    session = services.session_start(assessment=running, actor=facilitator)
    client.post(reverse("live:join", args=[session.code]), {"role": ParticipantRole.COUNCILLOR})
    assessment_close(assessment=running, actor=facilitator)
    answered = client.post(reverse("live:participant"), {"number": "1", "value": "2"})
    assert answered.status_code == 400 and "Deze meting is gesloten" in answered.content.decode()
    other = client.__class__()
    joined = other.post(reverse("live:join", args=[session.code]), {"role": ParticipantRole.COUNCILLOR})
    assert joined.status_code == 400 and "Deze meting is gesloten" in joined.content.decode()
    assert not Answer.objects.exists()
    assert Response.objects.filter(source="live").count() == 1


def test_steps_after_the_end_are_refused(facilitator_client, running, facilitator):
    session = _start(facilitator_client, running)
    services.session_end(session=session, actor=facilitator)
    reveal = facilitator_client.post(reverse("live:reveal", args=[running.uuid]))
    assert reveal.status_code == 409 and "Deze live-sessie is afgelopen." in reveal.content.decode()
    step = facilitator_client.post(reverse("live:step", args=[running.uuid]), {"number": "2"})
    assert step.status_code == 400
    session.refresh_from_db()
    assert session.current_item.number == 1 and not session.reveals.exists()
