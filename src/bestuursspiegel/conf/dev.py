"""Local development: `make run`. Insecure defaults that are fine on 127.0.0.1 only."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("FIELD_ENCRYPTION_KEY", "dev-only-field-key")
os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

from .base import *  # noqa: E402,F401,F403

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
