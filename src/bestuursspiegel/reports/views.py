from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.forms import BulkParticipantsForm, ParticipantForm
from bestuursspiegel.assessments.selectors import facilitator_view
from bestuursspiegel.audit.services import audit_record
from bestuursspiegel.once import keys as once
from bestuursspiegel.responses import services as response_services

from . import exports, pdf
from .forms import PaperForm
from .trend import trend_for


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _export(request, assessment, fmt, dataset_for, name, action):
    if fmt not in exports.FORMATS:
        raise Http404
    content = exports.export(dataset_for(assessment), fmt)
    audit_record(actor=request.user, action=action, organisation=assessment.organisation, target=assessment, format=fmt)
    return _download(content, exports.FORMATS[fmt], f"{name}-{slugify(assessment.title)[:60]}.{fmt}")


@facilitator_view
def results_export(request, assessment, fmt):
    return _export(request, assessment, fmt, exports.results_dataset, "resultaten", "results.export")


@facilitator_view
def actions_export(request, assessment, fmt):
    return _export(request, assessment, fmt, exports.actions_dataset, "actieplan", "actions.export")


@facilitator_view
def report(request, assessment):
    content = pdf.report_pdf(assessment)
    audit_record(actor=request.user, action="report.pdf", organisation=assessment.organisation, target=assessment)
    return _download(content, "application/pdf", f"rapport-{slugify(assessment.title)[:60]}.pdf")


@facilitator_view
def paper_questionnaire(request, assessment):
    return _download(pdf.paper_questionnaire_pdf(assessment), "application/pdf", "vragenlijst-op-papier.pdf")


@facilitator_view
@once.one_time_form("paper.enter")
def paper_entry(request, assessment):
    form = PaperForm(
        request.POST or None,
        items=assessment.questionnaire.items.order_by("number"),
        patterns=response_services.lens_patterns(assessment),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    if not once.claim(request):  # Back and save again, or reload: the same form
                        return once.already_done(request, reverse("reports:paper_entry", args=[assessment.uuid]))
                    _response, created = response_services.paper_response_create(
                        assessment=assessment,
                        actor=request.user,
                        form_id=request.form_key,
                        role=form.cleaned_data["role"],
                        values=form.values(),
                        pattern_values=form.pattern_values(),
                    )
            except response_services.ParticipationClosed:
                messages.error(request, _("This assessment does not accept answers now."))
                return redirect("assessments:detail", uuid=assessment.uuid)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if created:
                    messages.success(request, _("The paper form was entered and counts as a participant."))
                else:
                    messages.info(request, _("This paper form had already been entered; it was not stored twice."))
                return redirect("reports:paper_entry", uuid=assessment.uuid)
        status = 400
    count = assessment.participants.filter(on_paper=True).count()
    return render(
        request, "reports/paper_entry.html", {"assessment": assessment, "form": form, "count": count}, status=status
    )


@require_POST
@facilitator_view
def follow_up(request, assessment):
    follow_up_assessment, invitations = assessment_services.assessment_follow_up(
        previous=assessment, actor=request.user
    )
    participants_url = reverse("assessments:participants", args=[follow_up_assessment.uuid])
    if invitations is None:
        messages.info(request, _("This assessment already has a follow-up; nobody was invited twice."))
        return redirect(participants_url)
    shown = assessment_services.invitations_deliver(
        invitations=invitations, actor=request.user, by_email=bool(request.POST.get("send_email"))
    )
    messages.success(request, _("The follow-up assessment was created with the same norms, mode and participants."))
    context = {
        "assessment": follow_up_assessment,
        "participants": follow_up_assessment.participants.all(),
        "invitations": shown,  # links not e-mailed, shown this once (recorded)
        "form": ParticipantForm(),
        "bulk_form": BulkParticipantsForm(),
        "form_action": once.with_new_key(participants_url),
        "removable": assessment_services.participants_removable(follow_up_assessment),
    }
    return render(request, "assessments/participants.html", context)


@facilitator_view
def trend(request, assessment):
    return render(request, "reports/trend.html", {"assessment": assessment, "trend": trend_for(assessment)})
