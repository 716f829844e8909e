"""Error pages in Dutch with the right status codes."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .problems import PROBLEM, problem_body

API_PREFIX = "/api/"


def error_page(request, *, status: int, title: str, message: str):
    """A Dutch page; under /api/ the same as problem+json, as the API's own errors are."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse(problem_body(status, title, message), status=status, content_type=PROBLEM)
    return render(request, "error.html", {"title": title, "message": message}, status=status)


def csrf_failure(request, reason=""):
    return error_page(
        request,
        status=403,
        title=_("Form expired"),
        message=_(
            "Your form could not be processed because its security check failed. "
            "Go back, reload the page and try again. Nothing was saved."
        ),
    )


def bad_request(request, exception=None):
    return error_page(request, status=400, title=_("Invalid request"), message=_("The request could not be processed."))


def permission_denied(request, exception=None):
    return error_page(request, status=403, title=_("No access"), message=_("You do not have access to this page."))


def page_not_found(request, exception=None):
    return error_page(
        request,
        status=404,
        title=_("Page not found"),
        message=_("This page does not exist, or you do not have access to it."),
    )


def server_error(request):
    return error_page(
        request,
        status=500,
        title=_("Something went wrong"),
        message=_("An unexpected error occurred. Please try again later."),
    )
