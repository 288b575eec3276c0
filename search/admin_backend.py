"""Wagtail's search backend (``WAGTAILSEARCH_BACKENDS``), answering for legal documents with
the project's Vietnamese search (``search.admin_find``).

Wagtail's page search (``/admin/pages/search/``), the explorer's search, the page chooser and
the pages API all call ``queryset.search()`` or ``.autocomplete()`` on this backend. For a
query over pages that may be legal documents, the documents among them are matched by
``admin_find.find`` (folding, number variants, issued texts' articles), the other pages by
Wagtail's database backend as before; the union is returned as Wagtail's own results. Indexing
is Wagtail's database backend unchanged.
"""

from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from wagtail.search.backends import database
from wagtail.search.query import MATCH_ALL, And, Phrase, PlainText

from cms.models import LegalDocumentPage
from search.admin_find import find
from search.query import QueryError


def _queryset(model_or_queryset) -> QuerySet:
    if isinstance(model_or_queryset, QuerySet):
        return model_or_queryset
    return model_or_queryset.objects.all()


def query_text(query) -> str | None:
    """What the user typed, back from Wagtail's parsed query (``parse_query_string`` splits
    phrases out); None for anything else (``MATCH_ALL``, boosts, fuzzy...)."""
    if isinstance(query, str):
        return query
    if isinstance(query, PlainText):
        return query.query_string
    if isinstance(query, Phrase):
        return f'"{query.query_string}"'
    if isinstance(query, And):
        parts = [query_text(subquery) for subquery in query.subqueries]
        return None if None in parts else " ".join(parts)
    return None


class FoldedDocumentsMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        queryset = _queryset(model_or_queryset)
        text = query_text(query)
        if text is None or not issubclass(LegalDocumentPage, queryset.model):
            return super()._search(query_compiler_class, query, queryset, **kwargs)
        documents_type = ContentType.objects.get_for_model(LegalDocumentPage)
        documents = LegalDocumentPage.objects.filter(pk__in=queryset.values("pk"))
        try:
            found = set(find(documents, text).values_list("pk", flat=True))
        except QueryError:  # too long: no document rather than an error page
            found = set()
        others = super()._search(
            query_compiler_class, query, queryset.exclude(content_type=documents_type), **kwargs
        )
        found.update(page.pk for page in others)
        kwargs["order_by_relevance"] = False
        return super()._search(
            query_compiler_class, MATCH_ALL, queryset.filter(pk__in=found), **kwargs
        )


@cache
def _folded(engine_class: type) -> type:
    return type(f"Folded{engine_class.__name__}", (FoldedDocumentsMixin, engine_class), {})


def SearchBackend(params):
    """Wagtail's database backend for this database, with legal documents searched our way."""
    engine = database.SearchBackend(params)
    return _folded(type(engine))(params)
