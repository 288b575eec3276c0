import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "k3#Vq9!pZr7@Lm2$Wx8^Tn4&Yb6*Hc1(Jd5)Fg0-Se-Ra+Ub=Ni_Oe~Pf",
    "ALLOWED_HOSTS": "vanban.caobang.gov.vn",
    "PORTAL_BASE_URL": "https://vanban.caobang.gov.vn",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts_base_url_or_database():
    for missing in ("ALLOWED_HOSTS", "PORTAL_BASE_URL", "DATABASE_URL"):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
        result = run_manage("check", env=env)
        assert result.returncode != 0
        assert f"{missing} must be set" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_language_time_zone_and_wagtail_workflow():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert ("en", "English") in settings.LANGUAGES
    assert ("vi", "Tiếng Việt") in settings.WAGTAILADMIN_PERMITTED_LANGUAGES
    assert settings.WAGTAIL_WORKFLOW_ENABLED is False


def test_production_language_cookie_and_content_security_policy():
    code = (
        "from django.conf import settings as s; "
        "print(s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_SAMESITE, s.LANGUAGE_COOKIE_HTTPONLY); "
        "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-ancestors']); "
        "print(s.MIDDLEWARE[-1])"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "True Lax True",
        "[\"'self'\"]",
        "cms.cache.PortalCacheMiddleware",
    ]


def test_production_builds_every_public_address_from_the_portal_base_url():
    code = (
        "from django.conf import settings as s; "
        "print(s.PORTAL_BASE_URL, s.WAGTAILADMIN_BASE_URL, s.WAGTAILAPI_BASE_URL)"
    )
    env = {**PRODUCTION_ENV, "PORTAL_BASE_URL": "https://congbao.example.gov.vn"}
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["https://congbao.example.gov.vn"] * 3
