from django.urls import path

from .public_views import signed_copy

urlpatterns = [
    path("van-ban/<int:page_id>/ban-goc/", signed_copy, name="signed_copy"),
]
