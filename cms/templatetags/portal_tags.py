from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Site

from cms import labels

register = template.Library()

# ``{{ page|label }}``, ``{{ doc.issuing_body|label }}``: names in the visitor's language.
register.filter("label", labels.label)
register.filter("page_title", labels.page_title)


@register.inclusion_tag("cms/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live pages under the site's home page that are marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    home = site.root_page if site else None
    items = home.get_children().live().public().in_menu() if home else []
    if home and labels.is_english():
        # English titles live on the specific pages; Vietnamese needs only the base rows.
        home, items = home.specific, items.specific()
    return {"home": home, "items": items, "current": context.get("page"), "request": request}


@register.inclusion_tag("cms/includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to every language, each named in itself (``LANGUAGES``, untranslated), leading
    back to the current page."""
    request = context.get("request")
    return {
        "languages": settings.LANGUAGES,
        "current": translation.get_language(),
        "next": request.get_full_path() if request else "/",
    }
