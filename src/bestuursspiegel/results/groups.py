"""Role groups for comparing parts of the group, in a fixed partition of all roles.

The mayor is always one person, so the mayor is part of the college group rather than a group of
their own. Because the groups partition the respondents, showing all but one group would reveal
the last one by subtraction: the comparison is shown only when every group that has respondents
reaches the threshold.
"""

from django.utils.translation import gettext_lazy as _

from bestuursspiegel.assessments.constants import ParticipantRole

GROUPS = (
    ("council", _("council"), frozenset({ParticipantRole.COUNCILLOR})),
    ("college", _("college (mayor and aldermen)"), frozenset({ParticipantRole.MAYOR, ParticipantRole.ALDERMAN})),
    (
        "organisation",
        _("clerk, secretary and civil service"),
        frozenset({ParticipantRole.CLERK, ParticipantRole.SECRETARY, ParticipantRole.OFFICIAL, ParticipantRole.OTHER}),
    ),
)


def group_of(role: str) -> str:
    for key, _label, roles in GROUPS:
        if role in roles:
            return key
    raise ValueError(f"Role {role!r} belongs to no group")


def group_label(key: str) -> str:
    return str(next(label for k, label, _roles in GROUPS if k == key))
