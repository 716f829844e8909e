"""Production: secure cookies and HSTS; everything else comes from the environment."""

from .base import *  # noqa: F403
from .env import config

if not SECRET_KEY:  # noqa: F405
    raise RuntimeError("SECRET_KEY must be set in production.")
if not FIELD_ENCRYPTION_KEY:  # noqa: F405
    raise RuntimeError("FIELD_ENCRYPTION_KEY must be set in production.")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = config("SECURE_SSL_REDIRECT", True, help_text="Off only behind a TLS-terminating proxy.")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = config("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405
# One JSON object per line for the log collector, unless LOG_FORMAT=plain.
LOG_FORMAT = config("LOG_FORMAT", "json")
LOGGING["formatters"]["chosen"] = LOG_FORMATTERS[LOG_FORMAT]  # noqa: F405
# Probes and the metrics scraper talk plain HTTP to the instance itself, not through the TLS proxy.
SECURE_REDIRECT_EXEMPT = [r"^health/(live|ready)$", r"^metrics$"]
