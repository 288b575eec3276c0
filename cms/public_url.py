"""The portal's public address: every absolute URL it gives out (sitemap, robots.txt, Atom
feeds, Wagtail API v2, the search API, e-mails) starts with ``settings.PORTAL_BASE_URL``.

Wagtail would build them from its ``Site`` row (hostname and port: ``http://localhost`` in a
fresh database). The row is left to routing; our pages take their root URL from the setting
instead (``PublicURLMixin``). Reasons: docs/architecture.md, "Public addresses (issue 15)".
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


def base_url() -> str:
    """The public base URL, scheme and host, without a trailing slash."""
    return settings.PORTAL_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (site-relative, e.g. ``/van-ban/``) on the public host; an absolute URL as is."""
    if urlsplit(path).scheme:
        return path
    return base_url() + "/" + path.lstrip("/")


class PublicURLMixin:
    """A page whose full URL (sitemap, API ``html_url``, feeds) is on the public host.

    Relative URLs, which Wagtail uses for links within the site, are unchanged."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or parts[1] is None:
            return parts
        site_id, _site_root, page_path = parts
        return site_id, base_url(), page_path


@checks.register()
def check_public_base_url(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """A mistyped base URL stops ``manage.py check`` rather than every link the portal gives."""
    parts = urlsplit(settings.PORTAL_BASE_URL)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        message = (
            f"PORTAL_BASE_URL must be a scheme and host such as https://vanban.example.gov.vn "
            f"(no path, query or fragment), not {settings.PORTAL_BASE_URL!r}."
        )
        return [checks.Error(message, id="cms.E002")]
    return []
