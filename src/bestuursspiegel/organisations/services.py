"""The organisations app's public face for other apps."""

from django.db import transaction

from .models import Membership, Organisation


def organisations_for_user(user):
    """Organisations whose data `user` may see; the one place tenancy starts from."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__in=Membership.objects.for_user(user)).distinct()


@transaction.atomic
def membership_create(*, user, organisation: Organisation, role: str) -> Membership:
    membership, _ = Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"role": role})
    return membership
