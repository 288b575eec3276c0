"""Settings shared by every environment; dev, test and production extend this module."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "cms",
    "workflow",
    "documents",
    "search",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_fsm_log",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.csp.PortalCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "workflow.middleware.RecordRefusalMiddleware",
    # Last: every middleware above adds its headers to a cache hit as to a miss.
    "cms.cache.PortalCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.portal_identity",
            ],
        },
    },
]

# Any settings module honours DATABASE_URL; without it the embedded SQLite file is used.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first, English available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Our catalogues, then a Vietnamese supplement for Wagtail admin strings its own
# catalogue lacks (Wagtail ships about a fifth of them in Vietnamese).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_admin"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# dd/mm/yyyy in every language (see config/formats/).
FORMAT_MODULE_PATH = ["config.formats"]

WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The switch (cms.views.choose_language) is a plain link; no script reads the cookie.
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
WAGTAILADMIN_USER_LOGIN_FORM = "cms.login.LoginForm"
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
# The department's own names are data (cms.models.DeploymentIdentity), not settings.
WAGTAIL_SITE_NAME = _("Văn bản pháp luật")
# The public base URL (scheme and host): every absolute address the portal gives out (sitemap,
# robots.txt, feeds, both APIs, e-mails) starts with it (cms/public_url.py). Production requires it.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's own absolute links (admin e-mails, the API's detail_url) follow the same setting.
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAILAPI_BASE_URL = PORTAL_BASE_URL
# Legal documents move through the drafting state machine (workflow/), not Wagtail's
# moderation workflow, which would offer a second, unchecked way to publish.
WAGTAIL_WORKFLOW_ENABLED = False
WAGTAIL_I18N_ENABLED = False
# Wagtail's database backend; legal documents are searched the Vietnamese way (folding,
# number variants) in the admin's page search, explorer and chooser: search/admin_backend.py.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend"}}
WAGTAILDOCS_EXTENSIONS = ["docx", "pdf", "odt", "xlsx", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False

LOGIN_URL = "wagtailadmin_login"
# The admin loads nothing from other sites (its CSP below forbids it): no avatars from Gravatar
# (they would also send a hash of each editor's e-mail out), no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Content-Security-Policy (django-csp, cms/csp.py). The portal runs no script and no inline
# style at all, so a cached page needs no nonce. Framing stays same-origin for Wagtail's preview.
_PORTAL_CSP = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _PORTAL_CSP}
# Wagtail's admin (only under /admin/) writes inline scripts (inline panels, date pickers) and
# style attributes, and previews images from data:/blob: URLs; everything still comes from
# this site only.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_PORTAL_CSP,
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Wagtail logs every page action and background task at INFO; keep the console readable.
    "loggers": {
        **{name: {"level": "WARNING"} for name in ("wagtail", "django_tasks", "modelsearch")},
        # pyHanko logs a traceback for every chain it cannot build: on the public verification
        # page (any visitor's PDF) that would fill the log.
        "pyhanko": {"level": "ERROR"},
    },
}

# Drafting workflow: which legal time-limit rule set new documents follow (workflow/rules.py).
WORKFLOW_RULE_SET = os.environ.get("WORKFLOW_RULE_SET", "law64_2025")
# Dossier files are private: stored outside MEDIA_ROOT, served only to the roles that may see them.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
DOSSIER_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Signed originals (workflow/signatures, docs/documents.md "Signed originals: verification"):
# a folder of CA certificates (PEM or DER) that signatures must chain to; none are bundled,
# unset or empty means no chain is trusted. Optional folders of CRL files (PEM or DER) and of
# OCSP responses (DER as `openssl ocsp -respout` saves them, or PEM) for revocation checks:
# nothing is fetched from the network. PDFs above the size cap are refused before they are parsed.
SIGNATURE_TRUST_ROOTS_DIR = os.environ.get("SIGNATURE_TRUST_ROOTS_DIR", "")
SIGNATURE_CRLS_DIR = os.environ.get("SIGNATURE_CRLS_DIR", "")
SIGNATURE_OCSP_DIR = os.environ.get("SIGNATURE_OCSP_DIR", "")
SIGNED_PDF_MAX_BYTES = 20 * 1024 * 1024
# How much of the signed PDF's text must match the pinned issued text (percent of words in
# common) for the copy to count as the signed original at publish (workflow/signed_original.py).
# 100 means an exact match after normalisation (page furniture, punctuation, case and hyphenation
# already ignored): one changed word of a legal text (a number, a date, "không") matters, and a
# one-word change in a long text still rounds to 100.0 %, so only an exact match passes at 100.
# Leadership overrides a justified difference with a reason (docs/documents.md).
SIGNED_TEXT_MATCH_THRESHOLD = float(os.environ.get("SIGNED_TEXT_MATCH_THRESHOLD", "100"))
# Where `load_demo` writes the certificate of the demonstration CA it creates (keys are never
# written). Trusted only where a settings module points SIGNATURE_TRUST_ROOTS_DIR at it (dev).
DEMO_CA_DIR = Path(os.environ.get("DEMO_CA_DIR", BASE_DIR / "var" / "demo-ca"))
# A DOCX import preview (the file kept aside until the user accepts) expires after this many
# hours; expired ones are deleted by documents.tasks / `manage.py cleanup_import_previews`.
DOCUMENTS_IMPORT_PREVIEW_HOURS = int(os.environ.get("DOCUMENTS_IMPORT_PREVIEW_HOURS", "24"))

# Full-text search over issued texts: "embedded" (SQLite FTS5 / PostgreSQL full text, by the
# database in use) or "elasticsearch" (then ELASTICSEARCH_URL is required).
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "embedded")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "ldt-documents")

# Anonymous portal pages are cached until the next publication (cms/cache.py).
PORTAL_CACHE_SECONDS = int(os.environ.get("PORTAL_CACHE_SECONDS", "600"))
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal",
    }
}

# Reverse proxies whose X-Forwarded-For names the client (rate limits, cms/ratelimit.py): IP
# addresses or CIDR networks, comma-separated. Empty: the client is REMOTE_ADDR.
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]

# Background tasks (django-tasks): outgoing e-mail, search index changes and Wagtail's own
# (reference index, image focal points) are rows in the database, run by `manage.py db_worker`
# (started by `make run`; a service in production). Tests run them inline (test.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A mail server that hangs must not hold a worker for ever (workflow.mail.SEND_LEASE is longer).
EMAIL_TIMEOUT = 30

# Demo users (one per role) are created by load_demo only where this is True (dev).
DEMO_USERS_ENABLED = False
