"""Pages for respondents. No account, no JavaScript needed.

The invitation link is exchanged for an HttpOnly cookie on first use, so it leaves the address bar
and browser history. The link only identifies the participant: the answers are reached with the
link and the resume code together, and the resume code is made when this browser starts and kept
in the same cookie. Someone else who has the link (the facilitator who sent it) sees that answering
has started or finished, never the answers. See docs/security.md.
"""

from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bestuursspiegel.assessments.constants import AssessmentStatus, Mode
from bestuursspiegel.assessments.tokens import resume_code_display, resume_code_generate, resume_code_normalise
from bestuursspiegel.questionnaires.models import Item
from bestuursspiegel.questionnaires.services import Statement, questionnaire_of_statement, statement_sequence
from bestuursspiegel.utils import throttle
from bestuursspiegel.utils.views import error_page

from . import services
from .forms import ANSWER_SENT, AnswerForm, PatternForm, ResumeForm, StartForm
from .selectors import participation_overview


def _invalid_link(request):
    return error_page(
        request,
        status=404,
        title=_("This link is not valid"),
        message=_(
            "This link is unknown or has been replaced. Check that you copied the whole link from your "
            "invitation, or ask the person who invited you for a new one."
        ),
    )


def _closed(request, participation, status=410):
    return render(request, "responses/closed.html", {"assessment": participation.assessment}, status=status)


# Invitation links and live-session codes share one guessing budget per connection.
def guessing_blocked(request) -> bool:
    return throttle.is_blocked("invitation", request, limit=settings.INVITATION_GUESS_LIMIT)


def guess_failed(request) -> None:
    throttle.record_failure("invitation", request, window_seconds=settings.INVITATION_GUESS_WINDOW)


def too_many_attempts(request):
    return error_page(
        request,
        status=429,
        title=_("Too many attempts"),
        message=_("Too many invalid links were tried from this connection. Wait a quarter of an hour and try again."),
    )


def unknown_credential(request, response):
    """Answer an unknown link or code. Credentials are checked before this is called, so the budget
    only ever refuses wrong guesses: a valid link or code works whatever others at the address tried."""
    if guessing_blocked(request):
        return too_many_attempts(request)
    guess_failed(request)
    return response


def _read_cookie(request) -> tuple[str, str]:
    token, _dot, code = request.COOKIES.get(settings.INVITATION_COOKIE_NAME, "").partition(".")
    return token, code


def enter(request, token):
    """Exchange the link for a cookie and continue without the token in the address bar. Opening a
    link fixes the meting's settings: the respondent now reads what they are promised."""
    participation = services.participation_for_token(token)
    if participation is None:
        return unknown_credential(request, _invalid_link(request))
    services.participation_open(participation)
    held_token, held_code = _read_cookie(request)
    code = held_code if held_token == token else ""  # the same browser following its link again
    return remember_link(request, redirect("responses:welcome"), token, code)


def remember_link(request, response, token: str, resume_code: str = ""):
    """Keep a participant's link, and once started their resume code, in an HttpOnly cookie."""
    response.set_cookie(
        settings.INVITATION_COOKIE_NAME,
        f"{token}.{resume_code}" if resume_code else token,
        max_age=settings.INVITATION_COOKIE_AGE,
        httponly=True,
        secure=request.is_secure() or settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def participation_from_cookie(request):
    return services.participation_for_token(*_read_cookie(request))


def participation_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        participation = participation_from_cookie(request)
        if participation is None:
            return error_page(
                request,
                status=403,
                title=_("Open your personal link"),
                message=_(
                    "To answer, open the personal link from your invitation. If you did, your browser may "
                    "block cookies: this site needs one to remember your link."
                ),
            )
        return view(request, participation, *args, **kwargs)

    return wrapper


def _next_item_number(response) -> int:
    missing = services.missing_items(response).first()
    return missing.number if missing else 1


def _welcome(request, participation, *, start_form=None, resume_form=None, status=200):
    """The start page in the state of this link in this browser: start, continue, resume elsewhere
    with the code, or finished."""
    response = participation.response()
    participant = participation.participant
    if response is not None:
        state = "continue"
    elif participant.has_submitted:
        state = "submitted"
    elif participant.has_started:
        state = "elsewhere"
    else:
        state = "start"
    context = {
        "assessment": participation.assessment,
        "participant": participant,
        "response": response,
        "state": state,
        "form": start_form or StartForm(initial={"resume_code": resume_code_generate()}),
        "resume_form": resume_form or ResumeForm(),
        "item_count": len(statement_sequence(participation.assessment.questionnaire_id)),
    }
    return render(request, "responses/welcome.html", context, status=status)


@participation_required
def welcome(request, participation):
    response = participation.response()
    if response and response.is_submitted:
        return redirect("responses:receipt")
    return _welcome(request, participation)


@require_POST
@participation_required
def start(request, participation):
    if not participation.assessment.accepts_answers:
        return _closed(request, participation, status=409)
    response = participation.response()
    if response is not None:  # "Continue" in the browser that started
        return redirect("responses:item", number=_next_item_number(response))
    form = StartForm(request.POST)
    if not form.is_valid():
        return _welcome(request, participation, start_form=form, status=400)
    code = form.cleaned_data["resume_code"]
    try:
        response = services.response_start(
            participation=participation, consent_open=form.cleaned_data["consent_open"], resume_code=code
        )
    except services.StartedElsewhere:
        return _welcome(request, participation, status=409)
    except ValidationError as error:
        form.add_error("consent_open", error)
        return _welcome(request, participation, start_form=form, status=400)
    return remember_link(request, redirect("responses:resume_code"), participation.token, resume_code_normalise(code))


@participation_required
def resume_code(request, participation):
    """Shown after starting, and whenever the respondent wants it, in the browser that holds it."""
    response = participation.response()
    if response is None:
        return redirect("responses:welcome")
    context = {
        "assessment": participation.assessment,
        "code": resume_code_display(participation.resume_code),
        "next_number": _next_item_number(response),
        "submitted": response.is_submitted,
    }
    return render(request, "responses/resume_code.html", context)


@require_POST
@participation_required
def resume(request, participation):
    """Continue in this browser with the resume code noted in another one."""
    form = ResumeForm(request.POST)
    if not form.is_valid():
        return _welcome(request, participation, resume_form=form, status=400)
    try:
        response = services.response_resume(participation=participation, resume_code=form.cleaned_data["code"])
    except services.ResumeRefused as refused:
        form.add_error("code", refused.message)
        return _welcome(request, participation, resume_form=form, status=429 if refused.blocked else 400)
    target = redirect("responses:receipt") if response.is_submitted else redirect("responses:welcome")
    return remember_link(request, target, participation.token, resume_code_normalise(form.cleaned_data["code"]))


@dataclass(frozen=True)
class Place:
    """A statement and where it stands: the numbers before and after it (None at the ends)."""

    item: Statement
    previous_number: int | None
    next_number: int | None
    total: int


def _place(questionnaire_id: int, number: int) -> Place:
    sequence = statement_sequence(questionnaire_id)
    numbers = [item.number for item in sequence]
    if number not in numbers:
        raise Http404
    at = numbers.index(number)
    return Place(
        item=sequence[at],
        previous_number=numbers[at - 1] if at > 0 else None,
        next_number=numbers[at + 1] if at + 1 < len(numbers) else None,
        total=len(numbers),
    )


def _item_context(participation, response, place, form):
    assessment = participation.assessment
    return {
        "assessment": assessment,
        "item": Item.objects.select_related("section").get(pk=place.item.pk),  # shown: text and section
        "form": form,
        "total": place.total,
        "is_last": place.next_number is None and not services.lens_patterns(assessment).exists(),
        "response": response,
    }


def _answering(view):
    """The pages of the questionnaire itself: only in the browser that holds the answers, only while
    the meting is open, and not after submitting."""

    @wraps(view)
    def wrapper(request, participation, *args, **kwargs):
        response = participation.response()
        if response is None:
            return redirect("responses:welcome")
        if response.is_submitted:
            return redirect("responses:receipt")
        if not participation.assessment.accepts_answers:
            return _closed(request, participation)
        return view(request, participation, response, *args, **kwargs)

    return participation_required(wrapper)


@_answering
def pattern(request, participation, response, number):
    """One pattern of the optional pattern lens: "Herkent u dit patroon?"."""
    assessment = participation.assessment
    current = get_object_or_404(services.lens_patterns(assessment), number=number)
    answer = response.pattern_answers.filter(pattern=current).first()
    form = PatternForm(request.POST or None, initial={"value": answer.value} if answer else None, pattern=current)
    status = 200
    if request.method == "POST":
        direction = request.POST.get("go", "next")
        if direction in ("previous", "overview") and not request.POST.get("value"):
            return _go(direction, assessment, ("pattern", number))
        if form.is_valid():
            try:
                services.pattern_answer_save(response=response, pattern=current, value=form.cleaned_data["value"])
            except services.ParticipationClosed:
                return _closed(request, participation, status=409)
            except services.AlreadySubmitted:
                return redirect("responses:receipt")
            return _go(direction, assessment, ("pattern", number))
        status = 400
    steps = _steps(assessment)
    context = {
        "assessment": assessment,
        "pattern": current,
        "form": form,
        "count": len(steps) - len(statement_sequence(assessment.questionnaire_id)),
        "is_last": steps[-1] == ("pattern", number),
    }
    return render(request, "responses/pattern.html", context, status=status)


def item(request, number):
    """A statement. Saving one, what respondents do most, is first tried as a single SQL statement
    that finds the response itself; whatever it does not store (an example, a closed meting, a wrong
    answer...) takes the full path, which reads the participation and says why."""
    if request.method == "POST" and not request.POST.get("example", "").strip():
        saved = _saved_at_once(request, number)
        if saved is not None:
            return saved
    return _item(request, number=number)


def _saved_at_once(request, number):
    """The save without an example (examples are encrypted with the organisation's key, so they
    need the participation first), or None when nothing was stored."""
    value = request.POST.get("value")
    if value not in ANSWER_SENT:  # exactly what the form accepts; anything else gets its message
        return None
    token, code = _read_cookie(request)
    stored = services.answer_save_with_link(token=token, resume_code=code, number=number, value=value)
    if stored is None:
        return None
    place = _place(questionnaire_of_statement(stored.item_id), number)
    # The meting is read only if the last statement leads on to the patterns or the overview.
    assessment = SimpleLazyObject(lambda: services.assessment_of_response(stored.response_id))
    return _go_from_item(request.POST.get("go", "next"), assessment, place)


@_answering
def _item(request, participation, response, number):
    assessment = participation.assessment
    place = _place(assessment.questionnaire_id, number)
    examples = assessment.allow_examples
    if request.method != "POST":
        answer = services.own_answer(response, place.item)
        initial = {"value": answer.value, "example": answer.example} if answer else None
        form = AnswerForm(initial=initial, item=place.item, allow_examples=examples)
        return render(request, "responses/item.html", _item_context(participation, response, place, form))

    form = AnswerForm(request.POST, item=place.item, allow_examples=examples)
    direction = request.POST.get("go", "next")
    nothing_entered = not request.POST.get("value") and not request.POST.get("example", "").strip()
    if direction in ("previous", "overview") and nothing_entered:
        return _go_from_item(direction, assessment, place)
    if form.is_valid():
        try:
            services.answer_save(
                response=response,
                item=place.item,
                value=form.cleaned_data["value"],
                example=form.cleaned_data.get("example", ""),
            )
        except services.ParticipationClosed:
            return _closed(request, participation, status=409)
        except services.AlreadySubmitted:
            return redirect("responses:receipt")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _go_from_item(direction, assessment, place)
    context = _item_context(participation, response, place, form)
    return render(request, "responses/item.html", context, status=400)


def _steps(assessment) -> list[tuple[str, int]]:
    """The pages a respondent walks through: every statement, then the patterns if included."""
    items = [("item", statement.number) for statement in statement_sequence(assessment.questionnaire_id)]
    patterns = [("pattern", n) for n in services.lens_patterns(assessment).values_list("number", flat=True)]
    return items + patterns


def _go_from_item(direction, assessment, place: Place):
    """Where Previous/Next/Overview lead from a statement: after the last statement come the
    patterns, if included, then the overview."""
    if direction == "overview":
        return redirect("responses:overview")
    target = place.next_number if direction == "next" else place.previous_number
    if target is not None:
        return redirect("responses:item", number=target)
    if direction != "next":
        return redirect("responses:welcome")
    first_pattern = services.lens_patterns(assessment).values_list("number", flat=True).first()
    return redirect("responses:pattern", number=first_pattern) if first_pattern else redirect("responses:overview")


def _go(direction, assessment, current: tuple[str, int]):
    if direction == "overview":
        return redirect("responses:overview")
    steps = _steps(assessment)
    position = steps.index(current) + (1 if direction == "next" else -1)
    if position < 0:
        return redirect("responses:welcome")
    if position >= len(steps):
        return redirect("responses:overview")
    kind, number = steps[position]
    return redirect(f"responses:{kind}", number=number)


def _overview_context(participation, response):
    answers = services.answers_for_display(response)
    items = Item.objects.filter(questionnaire_id=participation.assessment.questionnaire_id).select_related("section")
    rows = [(item, answers.get(item.id)) for item in items]
    pattern_answers = {a.pattern_id: a for a in response.pattern_answers.all()}
    pattern_rows = [(p, pattern_answers.get(p.pk)) for p in services.lens_patterns(participation.assessment)]
    return {
        "assessment": participation.assessment,
        "response": response,
        "rows": rows,
        "pattern_rows": pattern_rows,
        "missing": [item for item, answer in rows if answer is None],
        "missing_patterns": [p for p, answer in pattern_rows if answer is None],
        "code": resume_code_display(participation.resume_code),
    }


@_answering
def overview(request, participation, response):
    return render(request, "responses/overview.html", _overview_context(participation, response))


@require_POST
@participation_required
def submit(request, participation):
    response = participation.response()
    if response is None:
        return redirect("responses:welcome")
    try:
        services.response_submit(participation=participation)
    except services.ParticipationClosed:
        return _closed(request, participation, status=409)
    except ValidationError as error:
        context = _overview_context(participation, response) | {"error": " ".join(error.messages)}
        return render(request, "responses/overview.html", context, status=400)
    return redirect("responses:receipt")


@participation_required
def receipt(request, participation):
    """The receipt, in the browser that submitted. The answers are not shown again: a receipt page
    that listed them would show them to anyone who later opens this browser or the link."""
    response = participation.response()
    if response is None or not response.is_submitted:
        return redirect("responses:welcome")
    context = {
        "assessment": participation.assessment,
        "response": response,
        "closed": participation.assessment.status == AssessmentStatus.CLOSED,
        "is_open_mode": participation.assessment.mode == Mode.OPEN,
    }
    return render(request, "responses/receipt.html", context)


@participation_required
def participants(request, participation):
    """Who was invited and how answers came in, for every respondent: before answering, and after."""
    assessment = participation.assessment
    context = {
        "assessment": assessment,
        "overview": participation_overview(assessment),
        "released": assessment.releases.filter(kind="final").exists(),
    }
    return render(request, "responses/participants.html", context)


def privacy(request):
    """How answers are protected, in plain language: linked from every respondent page."""
    return render(request, "responses/privacy.html")
