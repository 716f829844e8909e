"""The guide's five steps as a path for one meting: where it stands, what is done, what is next.

Read through the meting's related records (discussion notes, phase decisions, actions, follow-ups)
by their relation names, so this module imports none of the apps that build on `assessments`.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bestuursspiegel.utils.language import Dutch

from .constants import AssessmentStatus

DONE, CURRENT, LATER = "done", "current", "later"


@dataclass(frozen=True)
class Step:
    number: int
    title: Dutch  # the guide's own name of the step (seed 000, "1. Stappenplan")
    done: bool
    summary: str
    links: list[tuple[str, str]]
    state: str = LATER


def five_steps(assessment) -> list[Step]:
    uuid = assessment.uuid
    closed = assessment.status == AssessmentStatus.CLOSED
    submitted = assessment.responses.filter(submitted_on__isnull=False).count()
    invited = assessment.participants.count()
    talked = assessment.discussion_notes.exclude(notes="", conclusions="").count()
    decided = assessment.phase_decisions.exists()
    shortlisted = assessment.shortlist.count()
    actions = list(assessment.actions.values_list("status", flat=True))
    follow_up = assessment.follow_ups.unscoped().exists()
    steps = [
        Step(
            1,
            Dutch("Invullen van de vragenlijst"),
            closed,
            _("%(s)s of %(p)s participants submitted") % {"s": submitted, "p": invited}
            + ("; " + _("closed, results released") if closed else ""),
            [(_("Participants"), reverse("assessments:participants", args=[uuid]))],
        ),
        Step(
            2,
            Dutch("Interpreteren van de vragenlijst"),
            closed and talked > 0,
            ngettext("notes on %(n)s statement", "notes on %(n)s statements", talked) % {"n": talked}
            if talked
            else _("no notes of the conversation yet"),
            [
                (_("Results"), reverse("results:results", args=[uuid])),
                (_("Agenda for the good conversation"), reverse("interpretation:discussion", args=[uuid])),
            ],
        ),
        Step(
            3,
            Dutch("Passende instrumenten vinden"),
            decided,
            (_("phase chosen") if decided else _("no phase chosen yet"))
            + "; "
            + ngettext("%(n)s instrument shortlisted", "%(n)s instruments shortlisted", shortlisted)
            % {"n": shortlisted},
            [
                (_("Phase of the ladder"), reverse("interpretation:phase", args=[uuid])),
                (_("Fitting instruments"), reverse("interpretation:instruments", args=[uuid])),
            ],
        ),
        Step(
            4,
            Dutch("Inzet instrumenten"),
            bool(actions),
            ngettext("%(n)s action in the plan", "%(n)s actions in the plan", len(actions)) % {"n": len(actions)},
            [(_("Action plan"), reverse("plans:action_plan", args=[uuid]))],
        ),
        Step(
            5,
            Dutch("Borgen en tips"),
            follow_up or (bool(actions) and all(status == "done" for status in actions)),
            _("a follow-up assessment exists") if follow_up else _("repeat the assessment later to see the movement"),
            [
                (_("Buffer check"), reverse("plans:buffer_check", args=[uuid])),
                (_("Integrity agenda"), reverse("plans:agenda") + f"?organisation={assessment.organisation_id}"),
            ],
        ),
    ]
    # The first step not done is where the meting stands; later steps wait for it.
    current = next((step.number for step in steps if not step.done), None)
    return [
        Step(**{**step.__dict__, "state": DONE if step.done else CURRENT if step.number == current else LATER})
        for step in steps
    ]
