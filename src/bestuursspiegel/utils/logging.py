"""Keep secrets out of log lines.

An invitation link (`/d/<token>/`) or a live-session code in an address is a credential: whoever
reads the log could answer in someone's name. Request lines and "Not Found" warnings carry paths,
so every handler of the project (Django's and gunicorn's, see conf/gunicorn.py) runs this filter.
"""

import logging
import re

HIDDEN = "[verborgen]"

# One JSON object per line (python-json-logger), for Django's and gunicorn's logging alike.
JSON_FORMATTER = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
    "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
}
SECRETS = [
    # Invitation links; the token has 43 URL-safe characters, but hide whatever follows /d/.
    (re.compile(r"(/d/)[^/\s\"'?]+"), rf"\g<1>{HIDDEN}"),
    # A live-session join code in the address; not the fixed pages under /live/ (see live/urls.py).
    (
        re.compile(
            r"(/live/)(?!(?:deelnemen|starten|stelling|onthullen|notities|beeindigen|scherm|status|qr\.svg)\b)"
            r"([^/\s\"'?]+)"
        ),
        rf"\g<1>{HIDDEN}",
    ),
    # Any other 256-bit token, wherever it appears (a cookie header, a query string).
    (re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])"), HIDDEN),
]


# The reporting desk's public pages: not even that someone visited, or when (see reporting_desk).
DESK_PUBLIC_PATH = re.compile(r"/meldpunt/(?!beheer/)")


class ReportingDeskFilter(logging.Filter):
    """Drops lines about the reporting desk's public pages (Django's 4xx warnings, gunicorn's access
    log); its views are also left out of the request log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not DESK_PUBLIC_PATH.search(record.getMessage())


def redact(text: str) -> str:
    for pattern, replacement in SECRETS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecretsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
