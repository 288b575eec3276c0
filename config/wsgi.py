import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")


def settle() -> None:
    """Load every view now and keep what is loaded out of the cyclic garbage collector.

    Django, Wagtail and the project make about 200,000 objects that live as long as the
    process; each full collection would walk them all (about 0.1 s here), paid by whichever
    request happens to trigger it. Frozen, they are left alone (``gc.freeze``).
    """
    get_resolver().url_patterns  # noqa: B018 (imports the URLconf and its views)
    gc.collect()
    gc.freeze()


application = get_wsgi_application()
settle()
