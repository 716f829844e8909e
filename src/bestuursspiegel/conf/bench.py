"""Benchmarks only: production-like (DEBUG off), plus the bare baseline view and its table."""

import os

os.environ.setdefault("FIELD_ENCRYPTION_KEY", "bench-only-field-key")
os.environ.setdefault("SECRET_KEY", "bench-only-insecure-key")

from .base import *  # noqa: E402,F403

INSTALLED_APPS = [*INSTALLED_APPS, "bestuursspiegel.benchmarks"]  # noqa: F405
ROOT_URLCONF = "bestuursspiegel.benchmarks.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False}

if os.environ.get("BENCH_MANIFEST_STATIC"):  # bench/page_weight.py: static files as in production
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405
