"""Parse a pasted list of participants: one per line, "name; e-mail; role"."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from .constants import ParticipantRole

MAX_LINES = 500
MAX_NAME_LENGTH = 200

# Dutch words people type for each role, besides the labels themselves.
ROLE_ALIASES = {
    "burgemeester": ParticipantRole.MAYOR,
    "wethouder": ParticipantRole.ALDERMAN,
    "raadslid": ParticipantRole.COUNCILLOR,
    "gemeenteraadslid": ParticipantRole.COUNCILLOR,
    "griffier": ParticipantRole.CLERK,
    "gemeentesecretaris": ParticipantRole.SECRETARY,
    "secretaris": ParticipantRole.SECRETARY,
    "ambtenaar": ParticipantRole.OFFICIAL,
    "anders": ParticipantRole.OTHER,
}


@dataclass(frozen=True)
class ParticipantData:
    name: str
    email: str
    role: str


def role_lookup() -> dict[str, str]:
    lookup = dict(ROLE_ALIASES)
    for language in ("nl", "en"):
        with translation.override(language):
            lookup.update({str(label).lower(): value for value, label in ParticipantRole.choices})
    lookup.update({value: value for value in ParticipantRole.values})
    return lookup


def _split(line: str) -> list[str]:
    parts = re.split(r"[;\t]", line) if ";" in line or "\t" in line else line.split(",")
    return [part.strip() for part in parts]


def parse_participant_list(text: str, *, default_role: str) -> list[ParticipantData]:
    """All lines are valid or none is used: errors name the line so it can be fixed."""
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise ValidationError(_("The list is empty."))
    if len(lines) > MAX_LINES:
        raise ValidationError(_("Add at most %(max)s participants at once.") % {"max": MAX_LINES})
    roles = role_lookup()
    people, errors, seen = [], [], set()
    for number, line in lines:
        parts = _split(line)
        if len(parts) > 3:
            errors.append(_("Line %(line)s: use at most three parts: name; e-mail; role.") % {"line": number})
            continue
        name, email, role_text = (parts + ["", ""])[:3]
        if not name:
            errors.append(_("Line %(line)s: the name is missing.") % {"line": number})
            continue
        if len(name) > MAX_NAME_LENGTH:
            errors.append(_("Line %(line)s: the name is too long.") % {"line": number})
            continue
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(
                    _("Line %(line)s: '%(email)s' is not a valid e-mail address.") % {"line": number, "email": email}
                )
                continue
            if email.lower() in seen:
                errors.append(_("Line %(line)s: '%(email)s' appears twice.") % {"line": number, "email": email})
                continue
            seen.add(email.lower())
        role = roles.get(role_text.lower()) if role_text else default_role
        if role is None:
            errors.append(_("Line %(line)s: unknown role '%(role)s'.") % {"line": number, "role": role_text})
            continue
        people.append(ParticipantData(name=name, email=email, role=role))
    if errors:
        raise ValidationError(errors)
    return people
