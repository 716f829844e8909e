"""Pages of a live session: the facilitator's control page and projector screen, and the
participants' phones. Every page works without JavaScript (a refresh button); with it, a
small script polls the session's version and refreshes when the facilitator takes a step."""

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bestuursspiegel.assessments.selectors import facilitator_view
from bestuursspiegel.assessments.services import assessment_lock
from bestuursspiegel.interpretation.models import DiscussionNote
from bestuursspiegel.interpretation.services import discussion_notes_save
from bestuursspiegel.responses.selectors import participation_overview
from bestuursspiegel.responses.services import own_answer
from bestuursspiegel.responses.views import (
    participation_from_cookie,
    participation_required,
    remember_link,
    unknown_credential,
)
from bestuursspiegel.utils.confirm import confirmation
from bestuursspiegel.utils.numbers import small_number

from . import services
from .forms import CodeForm, JoinForm, LiveAnswerForm, NotesForm
from .models import LiveSession
from .selectors import counts, stage


def _session_or_404(assessment) -> LiveSession:
    session = LiveSession.objects.filter(assessment=assessment).select_related("current_item__section").first()
    if session is None:
        raise Http404
    return session


def _join_url(request, session) -> str:
    return request.build_absolute_uri(reverse("live:join", args=[session.code]))


# Facilitator -----------------------------------------------------------------------------------


def _control_page(request, session, *, notes_form=None, error: str = "", status: int = 200):
    """The facilitator's page; also re-rendered with the error when a step is refused (HTTP 4xx)."""
    assessment = session.assessment
    if notes_form is None:
        note = DiscussionNote.objects.filter(assessment=assessment, item=session.current_item).first()
        notes_form = NotesForm(initial={"notes": note.notes, "conclusions": note.conclusions} if note else None)
    if error:
        messages.error(request, error)
    context = {
        **stage(session),
        "join_url": _join_url(request, session),
        "notes_form": notes_form,
        "items": assessment.questionnaire.items.order_by("number"),
    }
    return render(request, "live/control.html", context, status=status)


@facilitator_view
def control(request, assessment):
    session = LiveSession.objects.filter(assessment=assessment).select_related("current_item__section").first()
    if session is None:
        return render(request, "live/start.html", {"assessment": assessment})
    return _control_page(request, session)


@require_POST
@facilitator_view
def start(request, assessment):
    try:
        services.session_start(assessment=assessment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render(request, "live/start.html", {"assessment": assessment}, status=409)
    return redirect("live:control", uuid=assessment.uuid)


@require_POST
@facilitator_view
def step(request, assessment):
    session = _session_or_404(assessment)
    try:
        number = int(request.POST.get("number", ""))
        services.session_step(session=session, actor=request.user, number=number)
    except ValueError:
        return _control_page(request, session, error=_("This statement is not part of this assessment."), status=400)
    except ValidationError as error:
        return _control_page(request, session, error=" ".join(error.messages), status=400)
    return redirect("live:control", uuid=assessment.uuid)


@require_POST
@facilitator_view
def reveal(request, assessment):
    session = _session_or_404(assessment)
    try:
        services.session_reveal(session=session, actor=request.user)
    except ValidationError as error:
        return _control_page(request, session, error=" ".join(error.messages), status=409)
    return redirect("live:control", uuid=assessment.uuid)


@require_POST
@facilitator_view
def notes(request, assessment):
    session = _session_or_404(assessment)
    form = NotesForm(request.POST)
    if not form.is_valid():
        return _control_page(request, session, notes_form=form, status=400)
    pair = (form.cleaned_data["notes"], form.cleaned_data["conclusions"])
    discussion_notes_save(assessment=assessment, actor=request.user, notes={session.current_item: pair})
    messages.success(request, _("Notes for statement %(n)s saved.") % {"n": session.current_item.number})
    return redirect("live:control", uuid=assessment.uuid)


@facilitator_view
def end(request, assessment):
    session = _session_or_404(assessment)
    if request.method != "POST":
        return confirmation(
            request,
            question=_("End the live session?"),
            consequences=[
                _("Phones can no longer answer; the join code stops working."),
                _("The answers of everyone who joined become part of the results, as submitted answers."),
                _("A live session cannot be started again for this assessment."),
            ],
            confirm=_("End the live session"),
            cancel_url=reverse("live:control", args=[assessment.uuid]),
            assessment=assessment,
        )
    submitted = services.session_end(session=session, actor=request.user)
    messages.success(
        request,
        _("The live session has ended; the answers of %(n)s participants are now part of the results.")
        % {"n": submitted},
    )
    return redirect("results:results", uuid=assessment.uuid)


@facilitator_view
def projector(request, assessment):
    session = _session_or_404(assessment)
    return render(request, "live/projector.html", {**stage(session), "join_url": _join_url(request, session)})


@facilitator_view
@require_GET
def facilitator_status(request, assessment):
    session = _session_or_404(assessment)
    return JsonResponse({"version": session.version, **counts(session)})


@facilitator_view
@require_GET
def qr_code(request, assessment):
    session = _session_or_404(assessment)
    image = qrcode.make(_join_url(request, session), image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return HttpResponse(image.to_string(), content_type="image/svg+xml")


# Participants ----------------------------------------------------------------------------------


def enter_code(request):
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            session = services.session_for_code(form.cleaned_data["code"])
            if session is not None:
                return redirect("live:join", code=session.code)
            form.add_error("code", _("No live session runs with this code. Check the code on the screen."))
            page = render(request, "live/enter_code.html", {"form": form}, status=400)
            return unknown_credential(request, page)
        status = 400
    return render(request, "live/enter_code.html", {"form": form}, status=status)


def join(request, code):
    session = services.session_for_code(code)
    if session is None:
        page = render(request, "live/enter_code.html", {"form": CodeForm(), "unknown": True}, status=404)
        return unknown_credential(request, page)
    assessment = session.assessment
    assessment_lock(assessment)  # someone reads what this meting promises them: it cannot change now
    current = participation_from_cookie(request)
    if current is not None and current.assessment.pk == assessment.pk and current.response():
        return redirect("live:participant")  # this device joined already: back to its place
    form = JoinForm(request.POST or None, open_mode=not assessment.is_anonymous)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                joined = services.join(session=session, **form.cleaned_data)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                return remember_link(request, redirect("live:participant"), joined.token, joined.resume_code)
        status = 400
    context = {"assessment": assessment, "form": form, "overview": participation_overview(assessment)}
    return render(request, "live/join.html", context, status=status)


def _participant_session(participation):
    return LiveSession.objects.filter(assessment=participation.assessment).select_related("current_item").first()


@participation_required
def participant(request, participation):
    session = _participant_session(participation)
    response = participation.response()
    if session is None or response is None or response.source != "live":
        return redirect("responses:welcome")  # invited by link, or not started here: the normal pages
    item = session.current_item
    answer = own_answer(response, item)
    # The saved answer is marked on the scale, not only named above it.
    form = LiveAnswerForm(request.POST or None, item=item, initial={"value": answer.value} if answer else None)
    status = 200
    if request.method == "POST" and not session.is_running:
        status = 409  # the page says the session has ended; nothing is stored
    elif request.method == "POST":
        number = request.POST.get("number", "")
        items = session.assessment.questionnaire.items
        wanted = small_number(number, 3)
        posted = items.filter(number=wanted).first() if wanted else None
        if form.is_valid() and posted is not None:
            try:
                services.answer(
                    session=session, participation=participation, item=posted, value=form.cleaned_data["value"]
                )
            except ValidationError as error:
                form.add_error("value", error)
            else:
                return redirect("live:participant")
        elif posted is None:
            form.add_error(None, _("This statement is not part of this assessment."))
        status = 400
    context = {
        "assessment": session.assessment,
        "session": session,
        "item": item,
        "form": form,
        "answer": answer,
        "revealed": services.is_revealed(session, item),
        "total": session.assessment.questionnaire.items.count(),
    }
    return render(request, "live/participant.html", context, status=status)


@require_GET
@participation_required
def participant_status(request, participation):
    session = _participant_session(participation)
    if session is None:
        raise Http404
    return JsonResponse({"version": session.version, "running": session.is_running})
