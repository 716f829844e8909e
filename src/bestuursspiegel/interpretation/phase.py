"""From results to a suggested phase of the ladder, by the rules the organisation set in advance.

The rule set is the organisation's (defaults are the project's suggestion, not the guide's). Phase
3 is never suggested: in the guide it concerns suspected criminal offences and conflicts that need
mediation, which a questionnaire cannot establish.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bestuursspiegel.knowledge.models import LadderLevel

PREVENTIVE, PHASE_1, PHASE_2 = "preventief", "fase-1", "fase-2"


@dataclass(frozen=True)
class PhaseSuggestion:
    level_slug: str | None  # None when no results may be shown yet
    reasons: list[str] = field(default_factory=list)

    @property
    def level(self):
        return LadderLevel.objects.filter(slug=self.level_slug).first() if self.level_slug else None


def suggest_phase(assessment, result) -> PhaseSuggestion:
    if not result.visible:
        return PhaseSuggestion(None, [_("No results can be shown yet, so no phase is suggested.")])
    outside = result.outside_norm
    serious = [r for r in outside if r.is_serious]
    count = len(outside)
    numbers = ", ".join(str(r.item.number) for r in outside)
    reasons = []
    if count:
        reasons.append(
            ngettext(
                "%(count)s statement is outside its norm (%(numbers)s).",
                "%(count)s statements are outside their norm (%(numbers)s).",
                count,
            )
            % {"count": count, "numbers": numbers}
        )
    if serious:
        reasons.append(
            _("Marked serious and outside its norm: %(numbers)s.")
            % {"numbers": ", ".join(str(r.item.number) for r in serious)}
        )
    if count >= assessment.phase2_min_outside or serious:
        rule = _("Your rule: phase 2 from %(n)s statements outside the norm, or any serious statement.")
        return PhaseSuggestion(PHASE_2, [*reasons, rule % {"n": assessment.phase2_min_outside}])
    if count >= assessment.phase1_min_outside:
        rule = _("Your rule: phase 1 from %(n)s statements outside the norm.")
        return PhaseSuggestion(PHASE_1, [*reasons, rule % {"n": assessment.phase1_min_outside}])
    reasons.append(
        _("Fewer statements are outside the norm than your rule for phase 1 (%(n)s): the preventive instruments fit.")
        % {"n": assessment.phase1_min_outside}
    )
    return PhaseSuggestion(PREVENTIVE, reasons)
