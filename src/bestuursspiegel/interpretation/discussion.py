"""The agenda for "het goede gesprek" (seed 000, "Stap 2: Interpreteren van de vragenlijst")."""

from django.utils.translation import gettext_lazy as _

# The guide's questions for each statement, in the guide's order.
GUIDE_QUESTIONS = (
    _("How did each of you arrive at your answer?"),
    _("Can you give examples?"),
    _("How large is the difference with the norm we set in advance?"),
    _("What does this say about the interventions that are needed?"),
)


def agenda_order(items):
    """Outside the norm first (lowest share of acceptable answers first), then the most divided."""

    def key(result):
        outside = result.meets_norm is False
        share = result.acceptable_share if result.acceptable_share is not None else 1.0
        rwg = result.spread.rwg if result.spread and result.spread.rwg is not None else 1.0
        return (not outside, share if outside else 0.0, rwg, result.item.number)

    return sorted(items, key=key)
