"""The Content-Security-Policy: strict on the portal, the relaxed admin policy under /admin/."""

from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse


@cache
def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


class PortalCSPMiddleware(CSPMiddleware):
    """``CONTENT_SECURITY_POLICY`` everywhere but Wagtail's admin, which gets
    ``ADMIN_CONTENT_SECURITY_POLICY`` (see config/settings/base.py for why it differs)."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path.startswith(_admin_prefix()):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
