"""Vietnamese unless the visitor chose otherwise."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but ignores the browser's Accept-Language header.

    Clerks often use an English-language browser; the portal and admin stay Vietnamese until
    someone picks English in the language switch (cookie) or in their Wagtail profile.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = dict(settings.LANGUAGES)
        translation.activate(chosen if chosen in supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
