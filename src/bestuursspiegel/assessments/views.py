from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bestuursspiegel.once import keys as once
from bestuursspiegel.organisations.services import organisations_for_user
from bestuursspiegel.utils.confirm import confirmation

from . import services
from .forms import AssessmentForm, BulkParticipantsForm, NormsForm, ParticipantForm
from .models import Assessment
from .national import national_overview
from .participant_list import ParticipantData
from .path import five_steps
from .selectors import facilitator_view


def _add_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@login_required
def dashboard(request):
    organisations = organisations_for_user(request.user)
    assessments = (
        Assessment.objects.for_user(request.user)
        .select_related("organisation")
        .annotate(
            participant_count=Count("participants", distinct=True),
            submitted_count=Count("responses", filter=Q(responses__submitted_on__isnull=False), distinct=True),
        )
    )
    return render(request, "assessments/dashboard.html", {"assessments": assessments, "organisations": organisations})


@login_required
def national(request):
    """The operators' overview of all organisations (counts only). Anyone else gets the 404 of any
    page that is not theirs."""
    if not request.user.is_superuser:
        raise Http404
    return render(request, "assessments/national.html", {"overview": national_overview()})


@login_required
@once.one_time_form("assessment.create")
def assessment_create(request):
    organisations = organisations_for_user(request.user)
    if not organisations.exists():
        messages.error(request, _("Your account is not linked to an organisation yet. Ask an administrator."))
        return redirect("assessments:dashboard")
    form = AssessmentForm(request.POST or None, organisations=organisations)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    if not once.claim(request):
                        return once.already_done(request, reverse("assessments:dashboard"))
                    assessment = services.assessment_create(
                        organisation=form.cleaned_data["organisation"], actor=request.user, **form.settings()
                    )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request, _("The assessment was created. Check the norms before inviting participants.")
                )
                return redirect("assessments:norms", uuid=assessment.uuid)
        status = 400
    return render(request, "assessments/assessment_form.html", {"form": form, "is_new": True}, status=status)


@facilitator_view
def assessment_detail(request, assessment):
    participants = assessment.participants.all()
    context = {
        "assessment": assessment,
        "participant_count": participants.count(),
        "submitted_count": assessment.responses.filter(submitted_on__isnull=False).count(),
        "norm_changes": assessment.norm_changes.select_related("item", "changed_by"),
        "path": five_steps(assessment),
    }
    return render(request, "assessments/assessment_detail.html", context)


@facilitator_view
def assessment_edit(request, assessment):
    form = AssessmentForm(request.POST or None, instance=assessment, organisations=organisations_for_user(request.user))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.assessment_update(assessment=assessment, actor=request.user, **form.settings())
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The settings were saved."))
                return redirect("assessments:detail", uuid=assessment.uuid)
        status = 400
    context = {"form": form, "assessment": assessment, "is_new": False}
    return render(request, "assessments/assessment_form.html", context, status=status)


@facilitator_view
def norms_edit(request, assessment):
    norms = assessment.norms.select_related("item__section").order_by("item__number")
    initial = {
        name: getattr(assessment, name) for name in ("norm_min_share", "phase1_min_outside", "phase2_min_outside")
    }
    form = NormsForm(request.POST or None, norms=norms, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = services.norms_update(
                    assessment=assessment,
                    actor=request.user,
                    norm_settings=form.norm_settings(),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if changed:
                    messages.success(request, _("The norms were saved."))
                else:
                    messages.info(request, _("Nothing changed."))
                return redirect("assessments:detail", uuid=assessment.uuid)
        status = 400
    context = {
        "assessment": assessment,
        "form": form,
        "norm_changes": assessment.norm_changes.select_related("item", "changed_by"),
    }
    return render(request, "assessments/norms_form.html", context, status=status)


def _render_participants(request, assessment, *, form=None, bulk_form=None, invitations=None, status=200):
    context = {
        "assessment": assessment,
        "participants": assessment.participants.all(),
        "removable": services.participants_removable(assessment),
        "form": form or ParticipantForm(),
        "bulk_form": bulk_form or BulkParticipantsForm(),
        "invitations": invitations,
        # After links were shown, the next form on the page needs a new key (see once.keys).
        "form_action": once.with_new_key(reverse("assessments:participants", args=[assessment.uuid]))
        if invitations is not None
        else "",
    }
    return render(request, "assessments/participants.html", context, status=status)


def _deliver(request, invitations, *, send_email):
    """E-mail what can be e-mailed (unseen); return the links the facilitator must pass on by hand."""
    shown = services.invitations_deliver(invitations=invitations, actor=request.user, by_email=send_email)
    sent = len(invitations) - len(shown)
    if sent:
        messages.success(request, _("%(count)s invitation(s) sent by e-mail.") % {"count": sent})
    return shown


def _issue_links(request, assessment, people, *, send_email):
    """None when this form was sent before (Back, reload): nothing is added twice."""
    with transaction.atomic():
        if not once.claim(request):
            return None
        invitations = services.participants_add(assessment=assessment, actor=request.user, people=people)
    return _deliver(request, invitations, send_email=send_email)


@facilitator_view
@once.one_time_form("participants.add")
def participants(request, assessment):
    if request.method != "POST":
        return _render_participants(request, assessment)
    if f"{BulkParticipantsForm.prefix}-people" in request.POST:
        bulk_form = BulkParticipantsForm(request.POST)
        if bulk_form.is_valid():
            try:
                invitations = _issue_links(
                    request,
                    assessment,
                    bulk_form.cleaned_data["parsed"],
                    send_email=bulk_form.cleaned_data["send_email"],
                )
            except ValidationError as error:
                _add_errors(bulk_form, error)
            else:
                return _added(request, assessment, invitations)
        return _render_participants(request, assessment, bulk_form=bulk_form, status=400)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        person = ParticipantData(name=data["name"], email=data["email"], role=data["role"])
        try:
            invitations = _issue_links(request, assessment, [person], send_email=data["send_email"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _added(request, assessment, invitations)
    return _render_participants(request, assessment, form=form, status=400)


def _added(request, assessment, invitations):
    if invitations is None:
        return once.already_done(request, reverse("assessments:participants", args=[assessment.uuid]))
    return _render_participants(request, assessment, invitations=invitations)


@facilitator_view
def participant_reissue(request, assessment, participant_uuid):
    participant = get_object_or_404(assessment.participants, uuid=participant_uuid)
    if request.method != "POST":
        return confirmation(
            request,
            question=_("A new link for %(name)s?") % {"name": participant.name},
            consequences=[
                _("The old link stops working at once."),
                _("Answers saved but not submitted under the old link cannot be reached again."),
                _("Without e-mail, the new link is shown to you once, and that is recorded."),
            ],
            confirm=_("Make a new link"),
            cancel_url=reverse("assessments:participants", args=[assessment.uuid]),
            assessment=assessment,
            offer_email=bool(participant.email),
        )
    try:
        invitation = services.participant_reissue_link(participant=participant, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:participants", uuid=assessment.uuid)
    shown = _deliver(request, [invitation], send_email=bool(request.POST.get("send_email")))
    return _render_participants(request, assessment, invitations=shown)


def _transition(request, assessment, service, success_message):
    try:
        service(assessment=assessment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:detail", uuid=assessment.uuid)
    messages.success(request, success_message)
    return redirect("assessments:detail", uuid=assessment.uuid)


@require_POST
@facilitator_view
def assessment_open(request, assessment):
    return _transition(
        request, assessment, services.assessment_open, _("The assessment is open: participants can answer.")
    )


@facilitator_view
def participant_remove(request, assessment, participant_uuid):
    participant = get_object_or_404(assessment.participants, uuid=participant_uuid)
    back = reverse("assessments:participants", args=[assessment.uuid])
    if not services.participant_removable(participant):
        messages.error(
            request,
            _("Only someone who never opened their link, or a paper form, can be removed, and not after closing."),
        )
        return redirect(back)
    if request.method != "POST":
        consequences = (
            [_("The answers typed in from this paper form are deleted and no longer count.")]
            if participant.on_paper
            else [_("Their link stops working; they are no longer counted as invited.")]
        )
        return confirmation(
            request,
            question=_("Remove %(name)s from this assessment?") % {"name": participant.name},
            consequences=[*consequences, _("The removal is recorded in the audit log."), _("This cannot be undone.")],
            confirm=_("Remove"),
            cancel_url=back,
            assessment=assessment,
        )
    try:
        services.participant_remove(participant=participant, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("%(name)s was removed from this assessment.") % {"name": participant.name})
    return redirect(back)


@facilitator_view
@once.one_time_form("participants.remind")
def participants_remind(request, assessment):
    back = reverse("assessments:participants", args=[assessment.uuid])
    count = services.reminder_recipients(assessment).count()
    if assessment.status != "open" or not count:
        messages.error(
            request,
            _(
                "Nobody to remind: reminders go to invited people with an e-mail address who have not submitted, while the assessment is open."
            ),
        )
        return redirect(back)
    if request.method != "POST":
        return confirmation(
            request,
            question=ngettext("Send a reminder to %(n)s person?", "Send a reminder to %(n)s people?", count)
            % {"n": count},
            consequences=[
                _(
                    "Everyone with an e-mail address who has not submitted gets a reminder, whether they started or not."
                ),
                _("The reminder holds no link: it points to their invitation e-mail. Nobody sees who opened it."),
                _("When and how many were reminded is recorded on the participants page and in the audit log."),
            ],
            confirm=_("Send the reminders"),
            cancel_url=back,
            assessment=assessment,
        )
    try:
        with transaction.atomic():
            if not once.claim(request):
                return once.already_done(request, back)
            sent = services.reminders_send(assessment=assessment, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("%(n)s reminder(s) sent.") % {"n": sent})
    return redirect(back)


@facilitator_view
def participant_forget(request, assessment, participant_uuid):
    participant = get_object_or_404(assessment.participants, uuid=participant_uuid)
    if request.method != "POST":
        return confirmation(
            request,
            question=_("Remove the personal data of %(name)s?") % {"name": participant.name},
            consequences=[
                _("The name and e-mail address are replaced by “Removed on request”."),
                _("Answers already submitted stay in the totals, without a name."),
                _("This cannot be undone."),
            ],
            confirm=_("Remove the personal data"),
            cancel_url=reverse("assessments:participants", args=[assessment.uuid]),
            assessment=assessment,
        )
    services.participant_forget(participant=participant, actor=request.user)
    messages.success(request, _("The participant's name and e-mail address were removed."))
    return redirect("assessments:participants", uuid=assessment.uuid)
