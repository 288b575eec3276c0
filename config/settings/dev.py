"""Local development: SQLite file (unless DATABASE_URL is set), console e-mail, debug on."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEMO_USERS_ENABLED = True
# Serve static files straight from the apps while developing.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The demonstration CA that `load_demo` creates signs the demo's issued documents; trusted here
# only (never in base or production settings), so a fresh `make run` shows verified originals.
SIGNATURE_TRUST_ROOTS_DIR = os.environ.get("SIGNATURE_TRUST_ROOTS_DIR", str(DEMO_CA_DIR))  # noqa: F405
