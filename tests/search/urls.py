"""The site's URLs with the search URLs in front, until config/urls.py includes them."""

from django.urls import include, path

from config.urls import urlpatterns as site_urlpatterns

_included = any(getattr(p, "namespace", None) == "search" for p in site_urlpatterns)
urlpatterns = (
    list(site_urlpatterns) if _included else [path("", include("search.urls")), *site_urlpatterns]
)
