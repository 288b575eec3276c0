from django.urls import path

from .public_views import signed_copy
from .verification_views import verification_api, verification_page

urlpatterns = [
    path("van-ban/<int:page_id>/ban-goc/", signed_copy, name="signed_copy"),
    path("xac-thuc/", verification_page, name="verification"),
    path("api/xac-thuc/", verification_api, name="verification_api"),
]
