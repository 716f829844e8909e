import re

import pytest
from django.urls import reverse

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.assessments.constants import AssessmentStatus, Mode
from bestuursspiegel.assessments.models import Assessment, NormChange, Participant
from bestuursspiegel.assessments.tokens import participant_token_hash
from bestuursspiegel.audit.models import AuditEvent
from bestuursspiegel.once.tests.helpers import page_with_key
from bestuursspiegel.responses.tests.helpers import invite, respond


@pytest.fixture
def facilitator_client(client, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    return client


def test_pages_need_a_login(client, assessment):
    for url in (reverse("assessments:dashboard"), reverse("assessments:detail", args=[assessment.uuid])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_login_with_a_wrong_password_says_so_in_dutch(client, facilitator):
    response = client.post(reverse("accounts:login"), {"username": facilitator.email, "password": "fout"})
    assert response.status_code == 200
    assert "horen niet bij elkaar" in response.content.decode()


def test_create_a_meting(facilitator_client, organisation, questionnaire):
    response = facilitator_client.post(
        page_with_key(facilitator_client, reverse("assessments:create")),
        {
            "organisation": organisation.pk,
            "title": "Meting najaar",
            "run_by": "Burgemeester en griffier",
            "introduction": "",
            "mode": Mode.ANONYMOUS,
            "anonymity_threshold": 5,
        },
    )
    assessment = Assessment.objects.unscoped().get()
    assert response["Location"] == reverse("assessments:norms", args=[assessment.uuid])
    assert (assessment.organisation, assessment.questionnaire, assessment.norms.count()) == (
        organisation,
        questionnaire,
        19,
    )


def test_create_with_a_low_threshold_is_refused_in_dutch(facilitator_client, organisation, questionnaire):
    response = facilitator_client.post(
        page_with_key(facilitator_client, reverse("assessments:create")),
        {
            "organisation": organisation.pk,
            "title": "x",
            "run_by": "y",
            "mode": Mode.ANONYMOUS,
            "anonymity_threshold": 3,
        },
    )
    assert response.status_code == 400
    assert "minimaal 5 respondenten" in response.content.decode()
    assert not Assessment.objects.unscoped().exists()


def test_cannot_create_a_meting_for_another_organisation(facilitator_client, questionnaire, other_facilitator):
    foreign = other_facilitator.memberships.get().organisation
    response = facilitator_client.post(
        page_with_key(facilitator_client, reverse("assessments:create")),
        {"organisation": foreign.pk, "title": "x", "run_by": "y", "mode": Mode.ANONYMOUS, "anonymity_threshold": 5},
    )
    assert response.status_code == 400
    assert not Assessment.objects.unscoped().exists()


def norms_post(assessment, **changes):
    data = {f"item_{n.item_id}": [str(v) for v in n.acceptable_values] for n in assessment.norms.all()}
    data.update(norm_min_share="75", phase1_min_outside="1", phase2_min_outside="3")
    data.update(changes)
    return data


def test_norms_form_saves_and_requires_a_reason_after_answers(facilitator_client, running, facilitator):
    item = running.questionnaire.items.get(number=1)
    url = reverse("assessments:norms", args=[running.uuid])
    page = facilitator_client.get(url).content.decode()
    assert "voorstel van het project" in page
    facilitator_client.post(url, norms_post(running, **{f"item_{item.id}": ["3", "4", "5"]}))
    assert running.norms.get(item=item).acceptable_values == [3, 4, 5]

    respond(invite(running, facilitator, 1)[0], 3, submit=False)
    response = facilitator_client.post(url, norms_post(running, **{f"item_{item.id}": ["5"]}))
    assert response.status_code == 400
    assert "geef een reden" in response.content.decode()
    assert running.norms.get(item=item).acceptable_values == [3, 4, 5]
    facilitator_client.post(url, norms_post(running, **{f"item_{item.id}": ["5"]}, reason="Strenger na de heidag"))
    assert NormChange.objects.get().reason == "Strenger na de heidag"
    detail = facilitator_client.get(reverse("results:results", args=[running.uuid])).content.decode()
    assert "Strenger na de heidag" in detail


def test_norms_without_any_acceptable_answer_are_refused(facilitator_client, assessment):
    item = assessment.questionnaire.items.get(number=4)
    data = norms_post(assessment)
    del data[f"item_{item.id}"]
    response = facilitator_client.post(reverse("assessments:norms", args=[assessment.uuid]), data)
    assert response.status_code == 400
    assert "Kies ten minste één acceptabel antwoord" in response.content.decode()


def test_adding_a_list_mails_who_has_an_address_and_shows_the_other_links_once(
    facilitator_client, assessment, mailoutbox
):
    url = reverse("assessments:participants", args=[assessment.uuid])
    response = facilitator_client.post(
        page_with_key(facilitator_client, url),
        {
            "list-people": "Anna; anna@example.org; wethouder\nBram; ; raadslid",
            "list-default_role": "councillor",
            "list-send_email": "on",
        },
    )
    assert response.status_code == 200
    links = re.findall(r"/d/([A-Za-z0-9_-]{43})/", response.content.decode())
    assert len(links) == 1 and len(mailoutbox) == 1  # Anna by e-mail (unseen), Bram's link shown
    assert links[0] not in mailoutbox[0].body
    assert Participant.objects.count() == 2
    assert Participant.objects.get(name="Bram").link_shown_at is not None
    later = facilitator_client.get(url, follow=True).content.decode()
    assert links[0] not in later and "link op" in later and "gemaild door Bestuursspiegel" in later


def test_without_e_mail_every_link_is_shown_and_recorded(facilitator_client, assessment, mailoutbox):
    url = reverse("assessments:participants", args=[assessment.uuid])
    response = facilitator_client.post(
        page_with_key(facilitator_client, url),
        {"list-people": "Anna; anna@example.org\nBram", "list-default_role": "councillor"},
    )
    assert len(re.findall(r"/d/([A-Za-z0-9_-]{43})/", response.content.decode())) == 2
    assert mailoutbox == []
    assert Participant.objects.filter(link_shown_at__isnull=False).count() == 2


def test_bad_list_stores_nobody_and_names_the_line(facilitator_client, assessment):
    response = facilitator_client.post(
        page_with_key(facilitator_client, reverse("assessments:participants", args=[assessment.uuid])),
        {"list-people": "Anna; anna@example.org\nBram; geen-adres", "list-default_role": "councillor"},
    )
    assert response.status_code == 400
    assert "Regel 2: &#x27;geen-adres&#x27; is geen geldig e-mailadres." in response.content.decode()
    assert not Participant.objects.exists()


def test_add_one_participant_and_mail_the_link_unseen(facilitator_client, assessment, mailoutbox):
    response = facilitator_client.post(
        page_with_key(facilitator_client, reverse("assessments:participants", args=[assessment.uuid])),
        {"name": "Cor", "email": "cor@example.org", "role": "alderman", "send_email": "on"},
    )
    assert re.findall(r"/d/([A-Za-z0-9_-]{43})/", response.content.decode()) == []
    assert len(mailoutbox) == 1 and re.search(r"/d/([A-Za-z0-9_-]{43})/", mailoutbox[0].body)


def test_the_two_forms_on_the_participants_page_have_their_own_ids(facilitator_client, assessment):
    url = reverse("assessments:participants", args=[assessment.uuid])
    page = facilitator_client.get(url, follow=True).content.decode()
    ids = re.findall(r' id="(id_[^"]+)"', page)
    assert len(ids) == len(set(ids)) and "id_send_email" in ids and "id_list-send_email" in ids


def test_reissue_gives_a_new_link(facilitator_client, assessment, facilitator):
    [invitation] = invite(assessment, facilitator, 1)
    url = reverse("assessments:participant_reissue", args=[assessment.uuid, invitation.participant.uuid])
    confirm = facilitator_client.get(url).content.decode()  # first says what follows
    assert "De oude link werkt meteen niet meer" in confirm and invitation.participant.name in confirm
    assert Participant.objects.get().token_hash == participant_token_hash(invitation.token)  # nothing changed yet
    response = facilitator_client.post(url)
    [token] = re.findall(r"/d/([A-Za-z0-9_-]{43})/", response.content.decode())
    assert token != invitation.token


def test_open_and_close_through_the_page(facilitator_client, assessment):
    facilitator_client.post(reverse("assessments:open", args=[assessment.uuid]))
    assert Assessment.objects.unscoped().get().status == AssessmentStatus.OPEN
    close = reverse("results:close", args=[assessment.uuid])
    confirm = facilitator_client.get(close)  # first says what follows
    assert confirm.status_code == 200 and "kan niet ongedaan" in confirm.content.decode()
    assert Assessment.objects.unscoped().get().status == AssessmentStatus.OPEN
    assert facilitator_client.post(close)["Location"] == reverse("results:results", args=[assessment.uuid])
    assert Assessment.objects.unscoped().get().status == AssessmentStatus.CLOSED
    assert facilitator_client.post(close).status_code == 302  # again: nothing happens, no error page
    assert Assessment.objects.unscoped().get().releases.count() == 1


@pytest.mark.parametrize("respondents", [4, 5])
def test_results_page_shows_figures_only_after_release_and_from_the_threshold(
    facilitator_client, running, facilitator, respondents
):
    for invitation in invite(running, facilitator, respondents):
        respond(invitation, 1)
    url = reverse("results:results", args=[running.uuid])
    page = facilitator_client.get(url).content.decode()
    assert "De resultaten worden vrijgegeven als u de meting sluit" in page
    assert "<svg" not in page and "Antwoorden van" not in page
    facilitator_client.post(reverse("results:close", args=[running.uuid]))
    page = facilitator_client.get(url).content.decode()
    if respondents < 5:
        assert "Er kunnen geen resultaten worden getoond" in page and "<svg" not in page
    else:
        assert page.count("<svg") == 2 * 19  # at a glance and per statement
        assert "Antwoorden van 5 respondenten" in page
        assert "buiten de norm" in page


def test_results_views_are_audited(facilitator_client, running, facilitator):
    facilitator_client.get(reverse("results:results", args=[running.uuid]))
    event = AuditEvent.objects.unscoped().get(action="results.view")
    assert (event.actor, event.organisation, event.object_id) == (facilitator, running.organisation, str(running.uuid))


def test_removing_personal_data_asks_first_and_says_what_follows(facilitator_client, assessment, facilitator):
    [invitation] = invite(assessment, facilitator, 1)
    url = reverse("assessments:participant_forget", args=[assessment.uuid, invitation.participant.uuid])
    page = facilitator_client.get(url).content.decode()
    assert "Dit kan niet ongedaan worden gemaakt." in page
    assert Participant.objects.get().name == invitation.participant.name  # nothing removed yet
    facilitator_client.post(url)
    assert Participant.objects.get().name == "Verwijderd op verzoek"
