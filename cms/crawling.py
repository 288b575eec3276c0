"""What crawlers are kept out of: robots.txt disallows these paths and the sitemap leaves out
every page under them, both read from ``disallowed_paths`` so the two cannot disagree."""

from wagtail.contrib.sitemaps import Sitemap

from cms.models import ConsultationIndexPage

# The admin, the APIs (data for programs, not pages) and the language switch (redirects).
FIXED_DISALLOWED = ("/admin/", "/api/", "/i18n/")


def disallowed_paths() -> list[str]:
    """Site-relative path prefixes crawlers should not visit. Beside the fixed ones, the
    consultation page wherever it lives: drafts open for comment are not law, and go away."""
    consultation = []
    for page in ConsultationIndexPage.objects.live():
        parts = page.get_url_parts()
        if parts and parts[2]:
            consultation.append(parts[2])
    return [*FIXED_DISALLOWED, *consultation]


class PortalSitemap(Sitemap):
    """Wagtail's sitemap of live public pages, without those robots.txt disallows. Locations
    are on the public host (``cms.public_url``)."""

    def items(self):
        # A site-relative path is the site root's url_path followed by the path.
        root = self.get_wagtail_site().root_page.url_path
        pages = super().items()
        for path in disallowed_paths():
            pages = pages.exclude(url_path__startswith=root + path.lstrip("/"))
        return pages
