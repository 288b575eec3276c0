from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("cms/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live pages under the site's home page that are marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    home = site.root_page if site else None
    items = home.get_children().live().public().in_menu() if home else []
    return {"home": home, "items": items, "current": context.get("page"), "request": request}
