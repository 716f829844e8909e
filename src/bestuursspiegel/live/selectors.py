"""What the shared screen shows: read here once for the control page, the projector and polling."""

from bestuursspiegel.responses.models import Response
from bestuursspiegel.results.aggregation import live_answered_count, live_statement

from .services import is_revealed


def stage(session) -> dict:
    """The current statement, how many answered and, once revealed, its results through the gate."""
    assessment, item = session.assessment, session.current_item
    revealed = is_revealed(session, item)
    statement = live_statement(assessment, item) if revealed else None
    return {
        "assessment": assessment,
        "session": session,
        "item": item,
        "revealed": revealed,
        "statement": statement,
        "answered": statement.answered if statement else live_answered_count(assessment, item),
        "joined": Response.objects.filter(assessment=assessment, source="live").count(),
        "total": assessment.questionnaire.items.count(),
    }
