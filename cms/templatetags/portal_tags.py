from django import template
from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Site

from cms import labels, rendered_text
from cms.stored_once import built_once

register = template.Library()

# ``{{ page|label }}``, ``{{ doc.issuing_body|label }}``: names in the visitor's language.
register.filter("label", labels.label)
register.filter("page_title", labels.page_title)


class StoredTextNode(template.Node):
    def __init__(self, nodelist, page):
        self.nodelist, self.page = nodelist, page

    def render(self, context):
        page = self.page.resolve(context)
        if not rendered_text.is_storable(page, context.get("request")):
            return self.nodelist.render(context)
        name = rendered_text.stored_name(page, translation.get_language())
        html = built_once(name, lambda: self.nodelist.render(context).encode())
        return mark_safe(html.decode())  # our own templates' output, stored as rendered


@register.tag
def stored_text(parser, token):
    """``{% stored_text page %}…{% endstored_text %}``: the enclosed text of a published
    revision, rendered once and then read from storage (``cms.rendered_text``)."""
    _tag, page = token.split_contents()
    nodelist = parser.parse(("endstored_text",))
    parser.delete_first_token()
    return StoredTextNode(nodelist, parser.compile_filter(page))


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
