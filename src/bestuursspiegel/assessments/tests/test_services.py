import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bestuursspiegel.assessments import services
from bestuursspiegel.assessments.constants import AssessmentStatus, Mode
from bestuursspiegel.assessments.models import Assessment, Norm, NormChange, Participant
from bestuursspiegel.assessments.participant_list import ParticipantData
from bestuursspiegel.assessments.services import NormSettings
from bestuursspiegel.assessments.tokens import participant_token_hash, response_key
from bestuursspiegel.audit.models import AuditEvent
from bestuursspiegel.responses.tests.helpers import invite, respond
from bestuursspiegel.results.services import assessment_close


def test_new_meting_gets_a_norm_per_statement_from_its_direction(assessment):
    norms = {n.item.number: n.acceptable_values for n in Norm.objects.filter(assessment=assessment)}
    assert len(norms) == 19
    assert norms[1] == [4, 5]
    assert norms[19] == [1, 2]
    assert assessment.mode == Mode.ANONYMOUS
    assert assessment.anonymity_threshold == 5
    assert assessment.status == AssessmentStatus.DRAFT


def test_anonymous_threshold_below_five_is_refused(make_assessment):
    with pytest.raises(ValidationError):
        make_assessment(anonymity_threshold=4)
    assert make_assessment(anonymity_threshold=8).anonymity_threshold == 8


def test_database_refuses_a_threshold_below_five_too(assessment):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.unscoped().filter(pk=assessment.pk).update(anonymity_threshold=3)


def test_open_comparison_needs_no_threshold(make_assessment):
    assessment = make_assessment(mode=Mode.OPEN, anonymity_threshold=1)
    assert assessment.mode == Mode.OPEN


def all_norms(assessment, overrides=None):
    norms = {n.item_id: n.acceptable_values for n in assessment.norms.all()}
    norms.update(overrides or {})
    return norms


def test_norms_change_freely_before_answers_arrive(assessment, facilitator):
    item = assessment.questionnaire.items.get(number=1)
    changed = services.norms_update(
        assessment=assessment,
        actor=facilitator,
        norm_settings=NormSettings(acceptable=all_norms(assessment, {item.id: [3, 4, 5]}), norm_min_share=60),
    )
    assert changed == 2
    assert assessment.norms.get(item=item).acceptable_values == [3, 4, 5]
    assert Assessment.objects.unscoped().get(pk=assessment.pk).norm_min_share == 60
    assert not NormChange.objects.exists()


def test_unchanged_norms_are_not_a_change(assessment, facilitator):
    assert (
        services.norms_update(
            assessment=assessment,
            actor=facilitator,
            norm_settings=NormSettings(acceptable=all_norms(assessment), norm_min_share=75),
        )
        == 0
    )


@pytest.mark.parametrize("values", [[], [0], [6], [2, 9]])
def test_norm_values_must_be_on_the_scale_and_not_empty(assessment, facilitator, values):
    item = assessment.questionnaire.items.get(number=2)
    with pytest.raises(ValidationError):
        services.norms_update(
            assessment=assessment,
            actor=facilitator,
            norm_settings=NormSettings(acceptable=all_norms(assessment, {item.id: values}), norm_min_share=75),
        )
    assert assessment.norms.get(item=item).acceptable_values == [4, 5]


def test_norms_lock_with_the_first_answer_and_later_changes_are_recorded(running, facilitator):
    [invitation] = invite(running, facilitator, 1)
    respond(invitation, 4, submit=False)
    running.refresh_from_db()
    assert running.is_locked
    item = running.questionnaire.items.get(number=3)
    with pytest.raises(ValidationError, match="geef een reden"):
        services.norms_update(
            assessment=running,
            actor=facilitator,
            norm_settings=NormSettings(acceptable=all_norms(running, {item.id: [3, 4, 5]}), norm_min_share=75),
        )
    assert running.norms.get(item=item).acceptable_values == [4, 5]
    services.norms_update(
        assessment=running,
        actor=facilitator,
        norm_settings=NormSettings(acceptable=all_norms(running, {item.id: [3, 4, 5]}), norm_min_share=75),
        reason="Na overleg in de driehoek",
    )
    change = NormChange.objects.get()
    assert (change.item, change.old_value, change.new_value, change.reason) == (
        item,
        [4, 5],
        [3, 4, 5],
        "Na overleg in de driehoek",
    )
    assert change.changed_by == facilitator


def test_mode_and_threshold_are_fixed_once_answers_arrive(running, facilitator):
    [invitation] = invite(running, facilitator, 1)
    respond(invitation, 4, submit=False)
    running.refresh_from_db()
    with pytest.raises(ValidationError):
        services.assessment_update(
            assessment=running,
            actor=facilitator,
            title="x",
            run_by="y",
            introduction="",
            mode=Mode.OPEN,
            anonymity_threshold=5,
        )
    with pytest.raises(ValidationError):
        services.assessment_update(
            assessment=running,
            actor=facilitator,
            title="x",
            run_by="y",
            introduction="",
            mode=Mode.ANONYMOUS,
            anonymity_threshold=6,
        )
    updated = services.assessment_update(
        assessment=running,
        actor=facilitator,
        title="Nieuwe titel",
        run_by="y",
        introduction="",
        mode=Mode.ANONYMOUS,
        anonymity_threshold=5,
    )
    assert updated.title == "Nieuwe titel"
    assert Assessment.objects.unscoped().get(pk=running.pk).mode == Mode.ANONYMOUS


def test_links_have_256_random_bits_and_only_hashes_are_stored(assessment, facilitator):
    invitations = invite(assessment, facilitator, 3)
    tokens = [i.token for i in invitations]
    assert len(set(tokens)) == 3
    assert all(len(t) == 43 for t in tokens)  # 32 bytes, URL-safe base64
    for invitation in invitations:
        stored = Participant.objects.get(pk=invitation.participant.pk)
        assert stored.token_hash == participant_token_hash(invitation.token)
        assert invitation.token not in stored.token_hash
        assert stored.token_hash != response_key(invitation.token, "")


def test_tokens_never_reach_the_audit_log(assessment, facilitator):
    invitations = invite(assessment, facilitator, 2)
    logged = " ".join(str(e.detail) + e.object_id for e in AuditEvent.objects.unscoped().all())
    for invitation in invitations:
        assert invitation.token not in logged
    assert AuditEvent.objects.unscoped().filter(action="participants.add", detail__count=2).exists()


def test_invitation_email_holds_the_personal_link_and_nobody_sees_it(assessment, facilitator, settings):
    settings.SITE_URL = "https://bestuursspiegel.example"
    invitations = invite(assessment, facilitator, 2)
    shown = services.invitations_deliver(invitations=invitations, actor=facilitator, by_email=True)
    assert shown == []
    assert [m.to for m in mail.outbox] == [[i.participant.email] for i in invitations]
    assert f"https://bestuursspiegel.example/d/{invitations[0].token}/" in mail.outbox[0].body
    assert invitations[1].token not in mail.outbox[0].body
    assert Participant.objects.filter(link_sent_at__isnull=False, link_shown_at__isnull=True).count() == 2
    assert AuditEvent.objects.unscoped().filter(action="invitations.send", detail__count=2).exists()


def test_links_not_emailed_are_shown_once_and_that_is_recorded(assessment, facilitator):
    with_address = invite(assessment, facilitator, 1)
    without = services.participants_add(
        assessment=assessment, actor=facilitator, people=[ParticipantData(name="Zonder mail", email="", role="other")]
    )
    shown = services.invitations_deliver(invitations=with_address + without, actor=facilitator, by_email=True)
    assert [i.participant.name for i in shown] == ["Zonder mail"]
    assert len(mail.outbox) == 1
    stored = Participant.objects.get(name="Zonder mail")
    assert stored.link_shown_at is not None and stored.link_sent_at is None
    shown_event = AuditEvent.objects.unscoped().get(action="invitations.show")
    assert shown_event.detail["participants"] == [str(stored.uuid)] and shown_event.actor == facilitator
    # Choosing not to e-mail: every link is shown, and recorded as such.
    shown = services.invitations_deliver(invitations=with_address, actor=facilitator, by_email=False)
    assert len(shown) == 1 and len(mail.outbox) == 1
    assert Participant.objects.filter(link_shown_at__isnull=False).count() == 2


def test_the_same_address_cannot_be_invited_twice(assessment, facilitator):
    [first] = invite(assessment, facilitator, 1)
    again = ParticipantData(name="Nog eens", email=first.participant.email.upper(), role="other")
    with pytest.raises(ValidationError, match=first.participant.email.upper()):
        services.participants_add(assessment=assessment, actor=facilitator, people=[again])
    assert assessment.participants.count() == 1


def test_reissued_link_replaces_the_old_one(assessment, facilitator):
    [old] = invite(assessment, facilitator, 1)
    new = services.participant_reissue_link(participant=old.participant, actor=facilitator)
    assert new.token != old.token
    assert not Participant.objects.filter(token_hash=participant_token_hash(old.token)).exists()
    assert Participant.objects.filter(token_hash=participant_token_hash(new.token)).exists()


def test_open_and_close_follow_the_lifecycle(assessment, facilitator):
    with pytest.raises(ValidationError):
        assessment_close(assessment=assessment, actor=facilitator)
    services.assessment_open(assessment=assessment, actor=facilitator)
    with pytest.raises(ValidationError):
        services.assessment_open(assessment=assessment, actor=facilitator)
    closed = assessment_close(assessment=assessment, actor=facilitator)
    assert closed.status == AssessmentStatus.CLOSED and closed.closed_at is not None
    assert closed.releases.get().kind == "final"  # closing released the results, in the same step
    with pytest.raises(ValidationError):
        invite(closed, facilitator, 1)
    assert list(AuditEvent.objects.unscoped().values_list("action", flat=True).order_by("id")) == [
        "assessment.create",
        "assessment.open",
        "assessment.close",
        "results.release",
    ]


def test_serious_statements_and_phase_rules_are_set_in_advance_and_recorded_later(running, facilitator):
    item = running.questionnaire.items.get(number=2)
    services.norms_update(
        assessment=running,
        actor=facilitator,
        norm_settings=NormSettings(
            acceptable=all_norms(running),
            norm_min_share=75,
            serious=frozenset({item.id}),
            phase1_min_outside=2,
            phase2_min_outside=5,
        ),
    )
    running.refresh_from_db()
    assert running.norms.get(item=item).is_serious
    assert (running.phase1_min_outside, running.phase2_min_outside) == (2, 5)
    assert not NormChange.objects.exists()
    respond(invite(running, facilitator, 1)[0], 4, submit=False)
    with pytest.raises(ValidationError):
        services.norms_update(
            assessment=running,
            actor=facilitator,
            norm_settings=NormSettings(
                acceptable=all_norms(running), norm_min_share=75, phase1_min_outside=3, phase2_min_outside=5
            ),
        )
    services.norms_update(
        assessment=running,
        actor=facilitator,
        reason="Minder streng",
        norm_settings=NormSettings(
            acceptable=all_norms(running), norm_min_share=75, phase1_min_outside=3, phase2_min_outside=5
        ),
    )
    assert sorted(NormChange.objects.values_list("field", "old_value", "new_value")) == [
        ("is_serious", True, False),
        ("phase1_min_outside", 2, 3),
    ]


@pytest.mark.parametrize("first, second", [(0, 3), (3, 3), (4, 2)])
def test_phase_rules_must_ascend(assessment, facilitator, first, second):
    with pytest.raises(ValidationError):
        services.norms_update(
            assessment=assessment,
            actor=facilitator,
            norm_settings=NormSettings(
                acceptable=all_norms(assessment), norm_min_share=75, phase1_min_outside=first, phase2_min_outside=second
            ),
        )
    assessment.refresh_from_db()
    assert (assessment.phase1_min_outside, assessment.phase2_min_outside) == (1, 3)
