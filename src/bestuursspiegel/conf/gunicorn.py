"""gunicorn settings: `gunicorn -c python:bestuursspiegel.conf.gunicorn bestuursspiegel.wsgi` (from src/).

Logging: gunicorn's error and access logs get the same filter as Django's, so an invitation link in
a request line is written as /d/[verborgen]/, and the same format (LOG_FORMAT, JSON by default).
The access log stays off unless `--access-logfile -` is given: Django logs one line per request
with the view's name instead of the address (operations/request_log.py).

Shutdown: on SIGTERM gunicorn stops accepting, lets running requests finish for up to
`graceful_timeout` seconds, then stops. With PROMETHEUS_MULTIPROC_DIR set, a stopped worker's
gauges are dropped from the metrics. Everything else comes from the command line or
GUNICORN_CMD_ARGS.
"""

import os

from bestuursspiegel.utils.logging import JSON_FORMATTER

graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))

_format = os.environ.get("LOG_FORMAT") or "json"
_formatters = {
    "json": JSON_FORMATTER,
    "plain": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s"},
}

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_secrets": {"()": "bestuursspiegel.utils.logging.RedactSecretsFilter"},
        "reporting_desk": {"()": "bestuursspiegel.utils.logging.ReportingDeskFilter"},
    },
    "formatters": {"chosen": _formatters[_format]},
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "chosen",
            "filters": ["reporting_desk", "redact_secrets"],
            "stream": "ext://sys.stderr",
        },
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "chosen",
            "filters": ["reporting_desk", "redact_secrets"],
            "stream": "ext://sys.stdout",
        },
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["error_console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
