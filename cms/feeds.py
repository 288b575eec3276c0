"""Atom feeds of newly published documents: all, and per sector."""

from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from cms.models import DeploymentIdentity, LegalDocumentPage, Sector
from cms.public_url import absolute_url, base_url

FEED_SIZE = 50


class LatestDocumentsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, sector: str | None = None):
        self.request = request
        self.names = DeploymentIdentity.current(request).names(translation.get_language())
        return get_object_or_404(Sector, slug=sector) if sector else None

    def title(self, sector):
        if sector:
            title = _("Văn bản mới đăng tải — lĩnh vực %(sector)s") % {"sector": sector.name}
        else:
            title = _("Văn bản mới đăng tải")
        return " — ".join(part for part in (title, self.names.portal_name) if part)

    def link(self, sector):
        return absolute_url("/van-ban/" + (f"?sector={sector.slug}" if sector else ""))

    def feed_url(self, sector):
        return absolute_url(self.request.path)

    def author_name(self, sector):
        """RFC 4287 requires an author: the People's Committee that issues the documents."""
        return self.names.committee_name or self.names.portal_name or urlsplit(base_url()).hostname

    def subtitle(self, sector):
        return _("Văn bản đã ban hành, đăng tải trên cổng thông tin.")

    def items(self, sector):
        # An entry needs the head only: the bodies (long JSON) would be most of the time.
        documents = (
            LegalDocumentPage.objects.live()
            .public()
            .defer_streamfields()
            .defer("preamble", "recipients", "signer_title")
            .select_related("document_type")
        )
        if sector:
            documents = documents.filter(sectors=sector)
        return documents.order_by("-first_published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.display_title}: {item.summary}"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
