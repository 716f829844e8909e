"""Record facilitator actions. Callers pass ids and counts, never answers or tokens."""

from .models import AuditEvent

FORBIDDEN_DETAIL_KEYS = {"token", "answer", "answers", "example", "examples", "value", "password"}


def audit_record(*, actor, action: str, organisation=None, target=None, outcome: str = "success", **detail):
    forbidden = FORBIDDEN_DETAIL_KEYS.intersection(detail)
    if forbidden:
        raise ValueError(f"Audit detail may not hold {sorted(forbidden)}")
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_label=str(actor.email) if is_user else "",
        organisation=organisation,
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(getattr(target, "uuid", None) or getattr(target, "pk", "")) if target is not None else "",
        outcome=outcome,
        detail=detail,
    )
