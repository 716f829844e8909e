"""gunicorn settings: `gunicorn -c python:bestuursspiegel.conf.gunicorn bestuursspiegel.wsgi` (from src/).

Only logging is set here: gunicorn's error and access logs get the same filter as Django's, so an
invitation link in a request line is written as /d/[verborgen]/. Give `--access-logfile -` to
switch the access log on; everything else comes from the command line or GUNICORN_CMD_ARGS.
"""

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "bestuursspiegel.utils.logging.RedactSecretsFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s"}},
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_secrets"],
            "stream": "ext://sys.stderr",
        },
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_secrets"],
            "stream": "ext://sys.stdout",
        },
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["error_console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
