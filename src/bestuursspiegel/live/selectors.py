"""What the shared screen shows: read here once for the control page, the projector and polling."""

from bestuursspiegel.responses.models import Response
from bestuursspiegel.results.aggregation import live_answered_count, live_statement

from .services import is_revealed


def counts(session) -> dict:
    """What the screens poll: how many answered the current statement and how many joined."""
    return {
        "answered": live_answered_count(session.assessment, session.current_item),
        "joined": Response.objects.filter(assessment=session.assessment, source="live").count(),
    }


def stage(session) -> dict:
    """The current statement, the counts and, once revealed, its results through the gate."""
    assessment, item = session.assessment, session.current_item
    revealed = is_revealed(session, item)
    return {
        **counts(session),
        "assessment": assessment,
        "session": session,
        "item": item,
        "revealed": revealed,
        "statement": live_statement(assessment, item) if revealed else None,
        "total": assessment.questionnaire.items.count(),
    }
