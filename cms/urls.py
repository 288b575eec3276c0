from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from .api import api_router
from .crawling import PortalSitemap
from .feeds import LatestDocumentsFeed
from .views import canonical_text_view, choose_language, favicon, robots_txt

urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/<str:language>/", choose_language, name="choose_language"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"),
    path("feeds/van-ban/", LatestDocumentsFeed(), name="feed_documents"),
    path("feeds/van-ban/<slug:sector>/", LatestDocumentsFeed(), name="feed_documents_sector"),
    path("api/v2/", api_router.urls),
    path("van-ban/<int:page_id>/van-ban-chuan.txt", canonical_text_view, name="canonical_text"),
]
