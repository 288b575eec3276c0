"""Include at the site root, before Wagtail's catch-all: ``path("", include("search.urls"))``."""

from django.urls import path

from search.api import search_api
from search.views import search_page

app_name = "search"

urlpatterns = [
    path("tim-kiem/", search_page, name="page"),
    path("api/search/", search_api, name="api"),
]
