"""Test suite settings: fast hashing, in-memory mail, the database from DATABASE_URL."""

import os

os.environ.setdefault("FIELD_ENCRYPTION_KEY", "ci-only-field-key")
os.environ.setdefault("SECRET_KEY", "ci-only-insecure-key")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never in production
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Serve static files from the finders, as in development: no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# SQLite tests use a file, not memory: concurrency tests and the live server then see the
# same locking behaviour (WAL, IMMEDIATE transactions) as a real installation.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}  # noqa: F405

# Django's test client logs in without a request, which django-axes needs; the lockout tests
# switch it on for themselves.
AXES_ENABLED = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
