"""What crawlers may read: robots.txt disallows ``disallowed_paths`` and the sitemap lists every
live public page except those under them, both from one list so the two cannot disagree.

The sitemap is written here rather than by Wagtail's (Django's) sitemap view: that one builds
each page as a specific page object and renders a template per URL, 0.65 s for the shared
corpus's 4,000 pages; rows of path and dates written as text take a few milliseconds.
Locations are on the public host (``cms.public_url``). Over ``SITEMAP_LIMIT`` URLs the address
answers a sitemap index of ``?p=`` pages (sitemaps.org: at most 50,000 URLs a file).
"""

from math import ceil
from xml.sax.saxutils import escape

from django.http import Http404, HttpResponse
from django.urls import reverse
from wagtail.models import Page, Site

from cms.models import ConsultationIndexPage
from cms.public_url import absolute_url

# The admin, the APIs (data for programs, not pages) and the language switch (redirects).
FIXED_DISALLOWED = ("/admin/", "/api/", "/i18n/")
SITEMAP_LIMIT = 50_000
_XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def disallowed_paths() -> list[str]:
    """Site-relative path prefixes crawlers should not visit. Beside the fixed ones, the
    consultation page wherever it lives: drafts open for comment are not law, and go away."""
    consultation = []
    for page in ConsultationIndexPage.objects.live():
        parts = page.get_url_parts()
        if parts and parts[2]:
            consultation.append(parts[2])
    return [*FIXED_DISALLOWED, *consultation]


def sitemap_rows(site: Site):
    """(url_path, last published, last revision) of the site's live public pages, in tree
    order, without those robots.txt disallows."""
    root = site.root_page.url_path
    pages = Page.objects.live().public().filter(url_path__startswith=root).order_by("path")
    for path in disallowed_paths():
        pages = pages.exclude(url_path__startswith=root + path.lstrip("/"))
    return pages.values_list("url_path", "last_published_at", "latest_revision_created_at")


def _xml(root: str, entries) -> HttpResponse:
    body = "".join(entries)
    text = f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="{_XMLNS}">\n{body}</{root}>\n'
    return HttpResponse(text, content_type="application/xml; charset=utf-8")


def sitemap(request) -> HttpResponse:
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    rows = sitemap_rows(site)
    files = max(1, ceil(rows.count() / SITEMAP_LIMIT))
    number = request.GET.get("p")
    if number is None and files > 1:
        here = absolute_url(reverse("sitemap"))
        return _xml(
            "sitemapindex",
            (f"<sitemap><loc>{escape(here)}?p={n}</loc></sitemap>\n" for n in range(1, files + 1)),
        )
    if number is not None and not (number.isdigit() and 1 <= int(number) <= files):
        raise Http404("No such sitemap page.")
    start = (int(number or 1) - 1) * SITEMAP_LIMIT
    skip = len(site.root_page.url_path) - 1  # the site root's path, but its final "/"

    def entries():
        for url_path, published, revised in rows[start : start + SITEMAP_LIMIT]:
            location = escape(absolute_url(url_path[skip:]))
            changed = published or revised
            lastmod = f"<lastmod>{changed:%Y-%m-%d}</lastmod>" if changed else ""
            yield f"<url><loc>{location}</loc>{lastmod}</url>\n"

    return _xml("urlset", entries())
