"""Reads that views and other apps share."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from .models import Assessment


def assessment_for_user(user, uuid) -> Assessment:
    """The meting if it belongs to one of the user's organisations; 404 otherwise (also for other tenants)."""
    queryset = Assessment.objects.for_user(user).select_related("organisation", "questionnaire")
    return get_object_or_404(queryset, uuid=uuid)


def facilitator_view(view):
    """Log-in required, and the `uuid` URL argument resolved to the user's own meting."""

    @login_required
    def wrapper(request, uuid, *args, **kwargs):
        return view(request, assessment_for_user(request.user, uuid), *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper
