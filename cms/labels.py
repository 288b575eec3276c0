"""Names of reference data and of the portal's own pages in the visitor's language.

Vietnamese is the source: document types, bodies and sectors have an optional ``name_en``, the
home and index pages an optional ``title_en`` (``PortalIndexMixin``); a blank English field
falls back to the Vietnamese one. Titles of legal documents stay Vietnamese (official text).
Every portal template, facet and API label goes through here, so the rule lives in one place.
"""

from django.utils import translation


def is_english(language: str | None = None) -> bool:
    return (language or translation.get_language() or "").startswith("en")


def in_language(obj, name: str, language: str | None = None) -> str:
    """``obj.<name>_en`` when English is active and it is filled, else ``obj.<name>``."""
    return (is_english(language) and getattr(obj, f"{name}_en", "")) or getattr(obj, name)


def label(obj) -> str:
    """A document type's, body's or sector's name, or a page's title."""
    return in_language(obj, "name" if hasattr(obj, "name_en") else "title")


def page_title(page) -> str:
    """The text of ``<title>``: the English title in English, else the SEO title or title."""
    return (is_english() and getattr(page, "title_en", "")) or page.seo_title or page.title


def english_labels(model, *, key: str, values) -> dict[str, str]:
    """``{str(row.<key>): English name}`` of the rows of ``model`` whose ``key`` is in
    ``values`` and whose English name is filled; ``{}`` (no query) unless English is active.
    For labels that come from elsewhere (the search index) keyed by id, slug or name."""
    if not is_english():
        return {}
    rows = model.objects.filter(**{f"{key}__in": list(values)}).exclude(name_en="")
    return {str(row[key]): row["name_en"] for row in rows.values(key, "name_en")}
