"""Errors as `application/problem+json` (RFC 9457), as the NL API Design Rules ask, in Dutch."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from bestuursspiegel.utils.problems import PROBLEM, problem_body

TITLES = {
    400: gettext_lazy("The request is not valid."),
    401: gettext_lazy("Authentication is required."),
    403: gettext_lazy("Not allowed."),
    404: gettext_lazy("Not found."),
    405: gettext_lazy("This method is not allowed here."),
    406: gettext_lazy("This format cannot be delivered."),
    409: gettext_lazy("This conflicts with the current state."),
    415: gettext_lazy("This content type is not supported."),
    429: gettext_lazy("Too many requests."),
}


def problem(status_code: int, detail, *, invalid_params=None, headers=None) -> Response:
    body = problem_body(status_code, TITLES.get(status_code, _("The request could not be handled.")), detail)
    if invalid_params:
        body["invalidParams"] = invalid_params
    return Response(body, status=status_code, content_type=PROBLEM, headers=headers)


def _invalid_params(detail, prefix="") -> list[dict]:
    if isinstance(detail, dict):
        return [p for key, value in detail.items() for p in _invalid_params(value, f"{prefix}{key}.")]
    if isinstance(detail, list) and detail and not isinstance(detail[0], str | exceptions.ErrorDetail):
        return [p for n, value in enumerate(detail) for p in _invalid_params(value, f"{prefix}{n}.")]
    messages = detail if isinstance(detail, list) else [detail]
    return [{"name": prefix.rstrip(".") or "nonFieldErrors", "reason": str(m)} for m in messages]


def problem_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):  # a service's rule: the request conflicts with the state
        return problem(status.HTTP_409_CONFLICT, " ".join(exc.messages))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's 500 handling and logging
    if isinstance(exc, exceptions.ValidationError):
        return problem(400, _("Check the invalid parameters."), invalid_params=_invalid_params(exc.detail))
    headers = {k: v for k, v in response.headers.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")}
    return problem(response.status_code, getattr(exc, "detail", ""), headers=headers)
