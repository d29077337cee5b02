"""Sora's settings: one file, every value read from the environment.

`.env.example` documents each variable. The defaults run a local development copy on
SQLite with no edits; production sets ``DEBUG=false`` and must then give ``SECRET_KEY``.
"""

import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lib.env import database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
# The test suite runs with DEBUG off, as production does, but needs no secrets or TLS.
TESTING = "pytest" in sys.modules
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or SECRET_KEY_FILE), "
            "or set DEBUG=true for a local development copy."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Days a recipient body is given to answer a proposal, and how many days before that day
# its members are reminded.
PROPOSAL_ANSWER_DAYS = env_int("PROPOSAL_ANSWER_DAYS", 56)
PROPOSAL_REMIND_DAYS = env_int("PROPOSAL_REMIND_DAYS", 7)
# Days before a campaign's last day when its audience is reminded that it is closing.
CAMPAIGN_REMIND_DAYS = env_int("CAMPAIGN_REMIND_DAYS", 3)

INSTALLED_APPS = [
    "sora.admin.SoraAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "privacy",
    "accounts",
    "reporting",
    "analysis",
    "proposals",
    "reports",
    "notices",
    "campaigns",
    "pages",
    "api",
    "sora",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Tells whether the session has given a second factor (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # Signing in sets the browser's language to the person's own (User.language).
    "accounts.language.PersonLanguageMiddleware",
    # Signed-in pages, downloads and answers to a POST are never kept in a cache.
    "sora.caching.PrivateResponsesMiddleware",
    "accounts.audit.AuditContextMiddleware",
    "accounts.middleware.IdleSessionMiddleware",
    # Asks for the second factor before any page (accounts/two_factor.py).
    "accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sora.errors.RefusedTextMiddleware",
    # Last, as django-axes asks: turns a paused sign-in into its answer (accounts.throttle).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sora.urls"
WSGI_APPLICATION = "sora.wsgi.application"
# Project templates may override form widgets and the field layout.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.membership",
                "accounts.context_processors.session_timeout",
                "notices.context_processors.unread_notices",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL", "sqlite:///db.sqlite3"), base_dir=BASE_DIR)
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        # The database cache is shared by every server process without an extra service;
        # rate limits and sign-in throttling depend on that.
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "sora_cache",
    }
}
# Rendered pieces of pages that only change with reference data, kept in each process.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "sora-fragments",
}
if env_str("REDIS_URL"):
    CACHES["default"] = CACHES["default"] | {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("REDIS_URL"),
    }

TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a paused sign-in before any password is checked.
    "accounts.backends.PausedSignInBackend",
    "accounts.backends.UsernameOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reporting:home"
LOGOUT_REDIRECT_URL = "reporting:home"

# Sign-in lockouts, by django-axes (accounts/throttle.py explains the tiers). Failed sign-ins
# count for SIGNIN_COOLOFF_MINUTES; sign-in is paused while one tier has its limit of them:
# one account from one address (a person's own typos stay well below), one account from
# anywhere (guessing spread over many machines), one address for any account (guessing
# many accounts from one machine; high, as a whole hospital may share one address). Pausing
# an account never pauses the other accounts at its address.
SIGNIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = env_int(
    "SIGNIN_FAILURES_PER_ACCOUNT_AND_ADDRESS", 5, minimum=1
)
SIGNIN_FAILURES_PER_ACCOUNT = env_int("SIGNIN_FAILURES_PER_ACCOUNT", 10, minimum=1)
SIGNIN_FAILURES_PER_ADDRESS = env_int("SIGNIN_FAILURES_PER_ADDRESS", 100, minimum=1)
SIGNIN_COOLOFF_MINUTES = env_int("SIGNIN_COOLOFF_MINUTES", 15, minimum=1)
AXES_HANDLER = "accounts.throttle.TieredHandler"
AXES_LOCKOUT_PARAMETERS = "accounts.throttle.lockout_parameters"
AXES_FAILURE_LIMIT = 1  # one full tier pauses: TieredHandler counts full tiers
AXES_COOLOFF_TIME = "accounts.throttle.cool_off"
AXES_USERNAME_CALLABLE = "accounts.throttle.account_key"
AXES_CLIENT_IP_CALLABLE = "lib.ratelimit.client_ip"  # the one source of client addresses
AXES_LOCKOUT_CALLABLE = "accounts.throttle.lockout_response"
# A try during a pause neither counts nor moves its end, so the time shown stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Success forgets only the account's own failures (TieredHandler), never its address's.
AXES_RESET_ON_SUCCESS = False
# Sign-ins are recorded in Sora's audit log; axes keeps only the counts it needs.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# --- Two-factor sign-in (accounts/two_factor.py) -------------------------------------------
# People with these roles, and installation administrators, must confirm each password sign-in
# with a code from an authenticator app; anyone else may set one up, and is then asked too.
# TWO_FACTOR_REQUIRED=false lifts the requirement (the local demo, `make run`); whoever has
# set up an app is still asked for its code.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", default=True)
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", ["analyst", "admin"])
OTP_TOTP_ISSUER = "Sora"
# Installation administrators may delete a person's devices in the Django admin (a lost
# phone), never read their secrets.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# The code typed at the two-factor step is never kept with the failure counts.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# --- end of two-factor sign-in -------------------------------------------------------------
# Password-reset requests allowed per address and per account (or unknown address) an hour.
PASSWORD_RESET_MAX_PER_ADDRESS = env_int("PASSWORD_RESET_MAX_PER_ADDRESS", 10, minimum=1)
PASSWORD_RESET_MAX_PER_ACCOUNT = env_int("PASSWORD_RESET_MAX_PER_ACCOUNT", 3, minimum=1)
# Open-link submissions allowed per address and per link within an hour.
OPEN_LINK_MAX_PER_IP = env_int("OPEN_LINK_MAX_PER_IP", 30)
OPEN_LINK_MAX_PER_TOKEN = env_int("OPEN_LINK_MAX_PER_TOKEN", 2000)
# A forum's dialogue groups often share one network: their findings are limited per
# recording session and per link instead of per address; new sessions per address an hour.
FORUM_FINDINGS_MAX_PER_SESSION = env_int("FORUM_FINDINGS_MAX_PER_SESSION", 60, minimum=1)
FORUM_SESSIONS_MAX_PER_IP = env_int("FORUM_SESSIONS_MAX_PER_IP", 40, minimum=1)
# Receipts sent by e-mail within an hour, per address and per receipt code.
RECEIPT_MAIL_MAX_PER_IP = env_int("RECEIPT_MAIL_MAX_PER_IP", 10, minimum=1)
RECEIPT_MAIL_MAX_PER_CODE = env_int("RECEIPT_MAIL_MAX_PER_CODE", 3, minimum=1)
# Embed each new observation's text in the background when it is saved. The test suite
# turns this off except where a test needs vectors, as embedding takes ~50 ms a text.
TEXT_VECTORS_ON_SAVE = not TESTING
# The longest free text accepted in one form field; report narratives and imported
# observations may be longer. Checked before the personal-data guard reads the text.
TEXT_MAX_CHARS = env_int("TEXT_MAX_CHARS", 5000, minimum=1)
LONG_TEXT_MAX_CHARS = env_int("LONG_TEXT_MAX_CHARS", 20000, minimum=1)
# The guard refuses, unread, any text longer than the longest a form or import accepts.
GUARD_MAX_CHARS = max(TEXT_MAX_CHARS, LONG_TEXT_MAX_CHARS)
# Hours an unsent observation stays in the browser's storage (observation-form.js): short
# on an open link, which anyone at a shared computer may open next; longer for a signed-in
# person, whose drafts are theirs alone and are removed at sign-out.
OPEN_LINK_DRAFT_HOURS = env_int("OPEN_LINK_DRAFT_HOURS", 4, minimum=1)
SIGNED_IN_DRAFT_HOURS = env_int("SIGNED_IN_DRAFT_HOURS", 7 * 24, minimum=1)
# Published and exported report figures show counts below this as "<5" (see reports/).
REPORT_SUPPRESSION_THRESHOLD = env_int("REPORT_SUPPRESSION_THRESHOLD", 5)

# --- Report cover (reports/) ---
# The county named on the cover of every generated report (empty: the report's
# organisation), and an optional logo above it: a PNG, JPEG or SVG file on this machine.
SORA_COUNTY_NAME = env_str("SORA_COUNTY_NAME")
SORA_COUNTY_LOGO = env_str("SORA_COUNTY_LOGO")
if SORA_COUNTY_LOGO and (
    not Path(SORA_COUNTY_LOGO).is_file()
    or Path(SORA_COUNTY_LOGO).suffix.lower() not in {".png", ".jpg", ".jpeg", ".svg"}
):
    raise ImproperlyConfigured("SORA_COUNTY_LOGO must name a PNG, JPEG or SVG file.")
# --- end of report cover ---

# Retention, in days (0 keeps forever), applied daily by the worker (`manage.py worker`) or
# by `manage.py apply_retention`: the free text of observations (codes, links and counts
# stay), unfinished drafts, and the audit log.
RETENTION_TEXT_DAYS = env_int("RETENTION_TEXT_DAYS", 5 * 365)
RETENTION_DRAFT_DAYS = env_int("RETENTION_DRAFT_DAYS", 180)
RETENTION_MEMO_DAYS = env_int("RETENTION_MEMO_DAYS", 5 * 365)
RETENTION_AUDIT_DAYS = env_int("RETENTION_AUDIT_DAYS", 3 * 365)
# A task still marked running after this many seconds, by a worker that no longer runs on
# this machine or has not been heard of since, is handed to another worker.
TASK_ABANDONED_SECONDS = env_int("TASK_ABANDONED_SECONDS", 3600)

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"
# The language stays chosen when the browser is closed; signing in sets it to the person's own
# (accounts.language).
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", default=not (DEBUG or TESTING))
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sora@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Sessions end after this long without a request. A request starts the time again (the
# session is stored anew at most once a minute, see accounts.middleware), and
# SESSION_WARNING_SECONDS before the end the page offers to continue (WCAG 2.2.1); the
# browser keeps form drafts across an expired session.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 3600)
SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_SECONDS", 120)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "reporting.views.csrf_failure"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
HTTPS = env_bool("HTTPS", default=not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=HTTPS)
if env_bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies of our own stand in front of Sora. 0: the client is the address that
# connected. n: the client is the n-th address from the right in X-Forwarded-For (each of our
# proxies appends one); addresses further left are the client's own claim and never used.
# Rate limits, sign-in lockouts and the audit log all read the address this way
# (lib.ratelimit.client_ip).
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0, minimum=0)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# The integration API (``api``): token sign-in only, problem details for errors, and each
# token's own rate limit.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.TokenScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sora API",
    "DESCRIPTION": "Observations, reference data and more of a Sora installation.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ObservationStatus": "reporting.models.Status",
        "PhenomenonStatus": "analysis.models.Phenomenon.Status",
        "ProposalStatus": "proposals.models.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_problems",
    ],
}
API_TOKEN_RATE = env_str("API_TOKEN_RATE", "600/min")
