"""The body of an `application/problem+json` answer (RFC 9457): for the API's own errors and for
Django's error handlers under /api/, so both read the same."""

PROBLEM = "application/problem+json"


def problem_body(status: int, title, detail) -> dict:
    return {
        "type": f"https://datatracker.ietf.org/doc/html/rfc9110#status.{status}",
        "title": str(title),
        "status": status,
        "detail": str(detail),
    }
