import gc

from django.core.handlers.wsgi import WSGIHandler


def test_the_wsgi_application_loads_views_and_freezes_them():
    try:
        from config.wsgi import application, settle

        assert isinstance(application, WSGIHandler)
        gc.unfreeze()
        settle()
        assert gc.get_freeze_count() > 10_000  # Django, Wagtail and the project's views
    finally:
        gc.unfreeze()
