from django.conf import settings
from django.shortcuts import render

from .statement import load_statement


def statement(request):
    """The toegankelijkheidsverklaring, public and linked from every page."""
    context = {"statement": load_statement(), "contact": settings.ACCESSIBILITY_CONTACT}
    return render(request, "accessibility/statement.html", context)
