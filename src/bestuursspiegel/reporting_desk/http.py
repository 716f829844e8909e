"""Responses both the public and the staff pages of the desk give."""

from django.http import HttpResponse
from django.shortcuts import render


def refusal(request, message: str, status: int, desk=None) -> HttpResponse:
    """A Dutch explanation with a 4xx status; with `desk`, in the public pages' frame."""
    return render(request, "reporting_desk/refused.html", {"desk": desk, "message": message}, status=status)


def download(name: str, content_type: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
