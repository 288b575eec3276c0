from django.urls import path

from .api import api_router
from .crawling import sitemap
from .feeds import LatestDocumentsFeed
from .views import canonical_text_view, choose_language, favicon, robots_txt

urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/<str:language>/", choose_language, name="choose_language"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("feeds/van-ban/", LatestDocumentsFeed(), name="feed_documents"),
    path("feeds/van-ban/<slug:sector>/", LatestDocumentsFeed(), name="feed_documents_sector"),
    path("api/v2/", api_router.urls),
    path("van-ban/<int:page_id>/van-ban-chuan.txt", canonical_text_view, name="canonical_text"),
]
