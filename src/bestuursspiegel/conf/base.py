"""Settings for every environment; overlays (dev, ci, production) only change defaults."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from bestuursspiegel.utils.logging import JSON_FORMATTER

from .env import config

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parent
PACKAGE_DIR = SRC_DIR / "bestuursspiegel"

SECRET_KEY = config("SECRET_KEY", help_text="Required in production; signs cookies and CSRF tokens.")
DEBUG = config("DEBUG", False, help_text="Never true in production.")
ALLOWED_HOSTS = config("ALLOWED_HOSTS", ["127.0.0.1", "localhost"], help_text="Comma-separated host names.")
CSRF_TRUSTED_ORIGINS = config("CSRF_TRUSTED_ORIGINS", [], help_text="Comma-separated origins behind a proxy.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "mozilla_django_oidc",
    "bestuursspiegel.accounts",
    "bestuursspiegel.organisations",
    "bestuursspiegel.audit",
    "bestuursspiegel.once",
    "bestuursspiegel.questionnaires",
    "bestuursspiegel.assessments",
    "bestuursspiegel.responses",
    "bestuursspiegel.results",
    "bestuursspiegel.knowledge",
    "bestuursspiegel.interpretation",
    "bestuursspiegel.live",
    "bestuursspiegel.plans",
    "bestuursspiegel.reporting_desk",
    "bestuursspiegel.reports",
    "bestuursspiegel.demo",
    "bestuursspiegel.accessibility",
    "bestuursspiegel.operations",
    "bestuursspiegel.api",
    "django_prometheus",
    "rest_framework",
    "drf_spectacular",
]

MIDDLEWARE = [
    "bestuursspiegel.operations.request_log.RequestLogMiddleware",  # first: the id covers everything
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "bestuursspiegel.api.headers.ApiVersionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bestuursspiegel.accounts.session_refresh.SessionRefreshMiddleware",
    "bestuursspiegel.utils.i18n.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "bestuursspiegel.accounts.two_factor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "bestuursspiegel.utils.middleware.SecurityHeadersMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last of the project's, as django-axes requires
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "bestuursspiegel.urls"
WSGI_APPLICATION = "bestuursspiegel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]
FORM_RENDERER = "bestuursspiegel.utils.forms.FormRenderer"

# --- Database ----------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        config(
            "DATABASE_URL",
            f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
            help_text="postgres://user:pass@host:5432/name in production; SQLite file by default.",
        ),
        conn_max_age=config("DB_CONN_MAX_AGE", 60, help_text="Seconds a connection is reused."),
        # A reused connection is checked first, so a database restart costs no failed request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions let concurrent respondents write without
    # "database is locked" errors; the timeout makes writers queue instead.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (throttling counters) -------------------------------------------------
# A database table, so that every web worker shares the counters without an extra server.
CACHES = {
    "default": {
        "BACKEND": config("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": config("CACHE_LOCATION", "bestuursspiegel_cache"),
    }
}

# --- Accounts ----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out logins before anything else runs
    "django.contrib.auth.backends.ModelBackend",
    "bestuursspiegel.accounts.oidc.OrganisationOIDCBackend",
]
# Login throttling and lockout (django-axes): five failures per e-mail address lock it for 15 minutes.
AXES_FAILURE_LIMIT = config("AXES_FAILURE_LIMIT", 5, help_text="Failed logins before a lockout.")
AXES_COOLOFF_TIME = config("AXES_COOLOFF_MINUTES", 15, help_text="Minutes a lockout lasts.") / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
# Not also by IP address: a whole town hall often shares one address, and one colleague's typos
# must not lock out the others. Accounts are protected per e-mail address instead.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_IP_CALLABLE = "bestuursspiegel.utils.client_address.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Two-factor authentication (django-otp, TOTP): required for staff (administrators and content
# editors), offered to everyone.
OTP_TOTP_ISSUER = "Bestuursspiegel"
# Login with the municipality's identity provider (OpenID Connect, code flow with PKCE), enabled
# when a client id is configured. Only existing accounts may log in this way.
OIDC_RP_CLIENT_ID = config(
    "OIDC_RP_CLIENT_ID", "", help_text="Client id at the identity provider; empty disables OIDC."
)
OIDC_RP_CLIENT_SECRET = config("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_ISSUER = config("OIDC_OP_ISSUER", "", help_text="Expected 'iss' of ID tokens.")
OIDC_OP_AUTHORIZATION_ENDPOINT = config("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = config("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = config("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = config("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = config("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = 10
OIDC_CREATE_USER = False
LOGIN_REDIRECT_URL_FAILURE = "/account/inloggen/"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "assessments:dashboard"
LOGOUT_REDIRECT_URL = "home"

SESSION_COOKIE_AGE = config("SESSION_COOKIE_AGE", 30 * 60, help_text="Seconds of inactivity before logout.")
# The age above is an inactivity timeout: accounts.session_refresh renews it at most once per interval
# (instead of SESSION_SAVE_EVERY_REQUEST, which writes the session on every request).
SESSION_REFRESH_INTERVAL = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "bestuursspiegel.utils.views.csrf_failure"

# --- Respondents -------------------------------------------------------------
INVITATION_COOKIE_NAME = "bs_deelname"
INVITATION_COOKIE_AGE = config(
    "INVITATION_COOKIE_AGE", 60 * 60 * 24 * 30, help_text="Seconds a respondent stays signed in by their link."
)
INVITATION_GUESS_LIMIT = config("INVITATION_GUESS_LIMIT", 20, help_text="Invalid links per address per window.")
INVITATION_GUESS_WINDOW = 15 * 60  # seconds
TRUSTED_PROXIES = config(
    "TRUSTED_PROXIES",
    [],
    help_text="Comma-separated addresses or networks of the reverse proxies in front of the application; "
    "X-Forwarded-For is read only from these.",
)
RESUME_ATTEMPTS = 10  # wrong resume codes per link before only a new link helps
MIN_ANONYMITY_THRESHOLD = 5  # never lower in anonymous mode (PRODUCT.md, "Safe to speak")
EXAMPLE_MAX_LENGTH = 2000  # characters per optional example
FIELD_ENCRYPTION_KEY = config(
    "FIELD_ENCRYPTION_KEY",
    "",
    help_text="Installation key for encrypting examples at rest; per-organisation keys are derived from it.",
)

# --- Security headers --------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin", not "no-referrer": with no-referrer browsers send `Origin: null` on form posts,
# which Django's CSRF check rightly rejects. The one URL that holds a secret (the invitation
# link) answers with its own `no-referrer` and redirects at once (responses.views.enter).
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
DATA_UPLOAD_MAX_MEMORY_SIZE = config("DATA_UPLOAD_MAX_MEMORY_SIZE", 512 * 1024, help_text="Max request body.")
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# --- Internationalisation ----------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# build/static holds css/site.css: the NL Design System theme and components plus static/css/app.css,
# reduced by bin/build-css.mjs to the rules the templates use (one small file instead of ~680 KB).
STATICFILES_DIRS = [PACKAGE_DIR / "static", BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- E-mail ------------------------------------------------------------------
EMAIL_BACKEND = config(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend", help_text="Console backend in development."
)
EMAIL_HOST = config("EMAIL_HOST", "localhost")
EMAIL_PORT = config("EMAIL_PORT", 25)
EMAIL_HOST_USER = config("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = config("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = config("DEFAULT_FROM_EMAIL", "bestuursspiegel@localhost")
ACCESSIBILITY_CONTACT = config(
    "ACCESSIBILITY_CONTACT",
    "",
    help_text="Where people report accessibility problems (an e-mail address), in the statement.",
)
SITE_URL = config("SITE_URL", "http://127.0.0.1:8000", help_text="Absolute base for links in e-mails.")

# Every handler removes invitation tokens and join codes from log lines (utils/logging.py). Django's
# own request loggers are pointed at it too: they keep Django's unfiltered handlers otherwise.
# "json" (one object per line, for a log collector) or "plain" (for a terminal).
LOG_FORMAT = config("LOG_FORMAT", "plain", help_text="json or plain.")
LOG_FORMATTERS = {
    "json": {**JSON_FORMATTER, "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"},
    "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_secrets": {"()": "bestuursspiegel.utils.logging.RedactSecretsFilter"},
        "request_id": {"()": "bestuursspiegel.operations.request_log.RequestIdFilter"},
        "reporting_desk": {"()": "bestuursspiegel.utils.logging.ReportingDeskFilter"},
    },
    "formatters": {"chosen": LOG_FORMATTERS[LOG_FORMAT]},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["reporting_desk", "redact_secrets", "request_id"],
            "formatter": "chosen",
        }
    },
    "root": {"handlers": ["console"], "level": config("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        # Filtered at the logger too, so that no handler added later (tests, Sentry) sees those lines.
        "django.request": {"filters": ["reporting_desk"]},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False, "filters": ["reporting_desk"]},
        "bestuursspiegel.requests": {
            "level": "INFO" if config("REQUEST_LOG", True, help_text="A log line per request.") else "WARNING"
        },
        "weasyprint": {"level": "WARNING"},  # a line per layout step of every PDF otherwise
        "fontTools": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},  # announces its logger bridge in every process otherwise
    },
}

# --- Operations -----------------------------------------------------------------
# /metrics answers only a scraper that sends this as a bearer token; empty: no metrics endpoint.
METRICS_TOKEN = config("METRICS_TOKEN", "", help_text="Bearer token for /metrics; empty switches it off.")
PROMETHEUS_EXPORT_MIGRATIONS = False  # would query the migration graph at every start

# --- API (/api/v1) ---------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["bestuursspiegel.api.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["bestuursspiegel.api.permissions.HasScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["bestuursspiegel.api.throttles.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "client": config("API_RATE_CLIENT", "600/minute", help_text="Requests per API client."),
        "public": config("API_RATE_PUBLIC", "120/minute", help_text="Knowledge-base requests per address."),
    },
    "DEFAULT_PAGINATION_CLASS": "bestuursspiegel.api.pagination.Pagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "bestuursspiegel.api.problems.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Bestuursspiegel API",
    "DESCRIPTION": (
        "Metingen, invitations, progress, released results and the action plan of one organisation "
        "(an API key per client, with scopes), and the public knowledge base. Errors are "
        "application/problem+json. Figures come through the same anonymity gate as every page."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "bestuursspiegel.api.schema.add_problem_responses",
    ],
}
