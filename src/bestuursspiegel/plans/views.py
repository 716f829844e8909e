from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bestuursspiegel.assessments.selectors import facilitator_view
from bestuursspiegel.knowledge.models import Buffer
from bestuursspiegel.once import keys as once
from bestuursspiegel.organisations.services import organisations_for_user
from bestuursspiegel.utils.numbers import small_number

from . import services
from .forms import ActionForm, AgendaForm, BufferCheckForm
from .models import Action


@facilitator_view
@once.one_time_form("action.create")
def action_plan(request, assessment):
    form = ActionForm(request.POST or None, assessment=assessment)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                if not once.claim(request):
                    return once.already_done(request, reverse("plans:action_plan", args=[assessment.uuid]))
                services.action_create(
                    assessment=assessment,
                    actor=request.user,
                    items=form.cleaned_data["items"],
                    buffers=form.cleaned_data["buffers"],
                    **form.values(),
                )
            messages.success(request, _("The action was added."))
            return redirect("plans:action_plan", uuid=assessment.uuid)
        status = 400
    actions = assessment.actions.select_related("instrument").prefetch_related("items", "buffers")
    context = {
        "assessment": assessment,
        "actions": actions,
        "form": form,
        "shortlist_open": assessment.shortlist.exclude(
            instrument__in=[a.instrument_id for a in actions if a.instrument_id]
        ).count(),
    }
    return render(request, "plans/action_plan.html", context, status=status)


@require_POST
@facilitator_view
def actions_from_shortlist(request, assessment):
    created = services.actions_from_shortlist(assessment=assessment, actor=request.user)
    messages.success(request, _("%(count)s action(s) made from the shortlist.") % {"count": len(created)})
    return redirect("plans:action_plan", uuid=assessment.uuid)


@facilitator_view
def action_edit(request, assessment, action_uuid):
    action = get_object_or_404(assessment.actions, uuid=action_uuid)
    form = ActionForm(request.POST or None, instance=action, assessment=assessment)
    status = 200
    if request.method == "POST":
        # Validate a copy: the ModelForm would otherwise change `action` before the service sees it.
        action_before = Action.objects.get(pk=action.pk)
        if form.is_valid():
            services.action_update(
                action=action_before,
                actor=request.user,
                items=form.cleaned_data["items"],
                buffers=form.cleaned_data["buffers"],
                **form.values(),
            )
            messages.success(request, _("The action was saved."))
            return redirect("plans:action_plan", uuid=assessment.uuid)
        status = 400
    history = action.history.select_related("history_user").order_by("-history_date")
    context = {"assessment": assessment, "action": action, "form": form, "history": history}
    return render(request, "plans/action_edit.html", context, status=status)


@facilitator_view
def buffer_check(request, assessment):
    buffers = Buffer.objects.published()
    existing = {c.buffer_id: c for c in assessment.buffer_checks.all()}
    form = BufferCheckForm(request.POST or None, buffers=buffers, existing=existing)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            checks = services.buffer_checks_save(assessment=assessment, actor=request.user, answers=form.answers())
            created = [
                a
                for c in checks
                if (a := services.action_from_buffer_gap(assessment=assessment, actor=request.user, check=c))
            ]
            messages.success(
                request,
                _("The buffer check was saved; %(count)s action(s) were added for gaps.") % {"count": len(created)},
            )
            return redirect("plans:action_plan", uuid=assessment.uuid)
        status = 400
    return render(request, "plans/buffer_check.html", {"assessment": assessment, "form": form}, status=status)


def _agenda_organisation(request):
    organisations = organisations_for_user(request.user)
    chosen = request.GET.get("organisation") or request.POST.get("organisation")
    if chosen:
        return organisations, get_object_or_404(organisations, pk=small_number(chosen)) if small_number(
            chosen
        ) else None
    return organisations, organisations.first()


@login_required
def integrity_agenda(request):
    organisations, organisation = _agenda_organisation(request)
    if organisation is None:
        raise Http404
    form = AgendaForm(request.POST or None, organisations=organisations, initial={"organisation": organisation})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.integrity_agenda_create(
                organisation=form.cleaned_data["organisation"],
                actor=request.user,
                term_start=form.cleaned_data["term_start"],
            )
            messages.success(request, _("The integrity agenda was made."))
            return redirect(f"{request.path}?organisation={form.cleaned_data['organisation'].pk}")
        status = 400
    context = {
        "organisation": organisation,
        "organisations": organisations,
        "moments": organisation.agenda.all(),
        "form": form,
    }
    return render(request, "plans/agenda.html", context, status=status)


@login_required
def integrity_agenda_ical(request):
    _organisations, organisation = _agenda_organisation(request)
    if organisation is None:
        raise Http404
    response = HttpResponse(services.agenda_ical(organisation), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="integriteitsagenda.ics"'
    return response
