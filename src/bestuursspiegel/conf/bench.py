"""Benchmarks only: production-like (DEBUG off), plus the bare baseline view and its table."""

import os

os.environ.setdefault("FIELD_ENCRYPTION_KEY", "bench-only-field-key")
os.environ.setdefault("SECRET_KEY", "bench-only-insecure-key")

from .base import *  # noqa: E402,F403

INSTALLED_APPS = [*INSTALLED_APPS, "bestuursspiegel.benchmarks"]  # noqa: F405
ROOT_URLCONF = "bestuursspiegel.benchmarks.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Logging as in production (JSON, a line per request), written to nowhere: its cost is measured.
LOGGING["formatters"]["chosen"] = LOG_FORMATTERS["json"]  # noqa: F405
LOGGING["handlers"]["console"] = {  # noqa: F405
    **LOGGING["handlers"]["console"],  # noqa: F405
    "class": "logging.FileHandler",
    "filename": os.devnull,
}

if os.environ.get("BENCH_MANIFEST_STATIC"):  # bench/page_weight.py: static files as in production
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405
