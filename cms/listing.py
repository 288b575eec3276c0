"""Filters, sort and facet counts of the public document index."""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, F
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from cms.labels import label
from cms.models.snippets import DocumentType, IssuingBody, Sector
from cms.validity import Validity

SORTS = {
    "newest": (F("issued_on").desc(nulls_last=True), "-pk"),
    "oldest": (F("issued_on").asc(nulls_last=True), "pk"),
    "title": ("title", "pk"),
}


class DocumentFilterForm(forms.Form):
    type = forms.IntegerField(required=False, min_value=1)
    issuer = forms.IntegerField(required=False, min_value=1)
    sector = forms.SlugField(required=False, max_length=100)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    validity = forms.ChoiceField(required=False, choices=[("", ""), *Validity.choices])
    sort = forms.ChoiceField(required=False, choices=[(k, k) for k in SORTS])
    page = forms.CharField(required=False, max_length=10)

    error_message = _("Bộ lọc không hợp lệ; đã hiển thị toàn bộ văn bản.")


@dataclass
class Facet:
    name: str
    label: str
    options: list[dict] = field(default_factory=list)

    @property
    def selected_any(self) -> bool:
        return any(option["selected"] for option in self.options)


def apply_filters(queryset, filters: dict, *, skip: str | None = None):
    lookups = {
        "type": "document_type_id",
        "issuer": "issuing_body_id",
        "sector": "sectors__slug",
        "year": "issued_on__year",
        "validity": "validity_value",
    }
    for name, lookup in lookups.items():
        value = filters.get(name)
        if name != skip and value not in (None, ""):
            queryset = queryset.filter(**{lookup: value})
    return queryset


def facets(queryset, filters: dict) -> list[Facet]:
    """Counts for each facet value, with every other active filter applied."""

    def counts(name, expression):
        rows = (
            apply_filters(queryset, filters, skip=name)
            .order_by()
            .values(value=expression)
            .annotate(count=Count("pk", distinct=True))
        )
        return {row["value"]: row["count"] for row in rows if row["value"] is not None}

    types = counts("type", F("document_type_id"))
    issuers = counts("issuer", F("issuing_body_id"))
    sectors = counts("sector", F("sectors__slug"))
    years = counts("year", ExtractYear("issued_on"))
    validity = counts("validity", F("validity_value"))
    return [
        Facet(
            "type",
            _("Loại văn bản"),
            _options(DocumentType.objects.filter(pk__in=types), types, filters.get("type")),
        ),
        Facet(
            "issuer",
            _("Cơ quan ban hành"),
            _options(IssuingBody.objects.filter(pk__in=issuers), issuers, filters.get("issuer")),
        ),
        Facet(
            "sector",
            _("Lĩnh vực"),
            [
                {
                    "value": s.slug,
                    "label": label(s),
                    "count": sectors[s.slug],
                    "selected": filters.get("sector") == s.slug,
                }
                for s in Sector.objects.filter(slug__in=sectors)
            ],
        ),
        Facet(
            "year",
            _("Năm ban hành"),
            [
                {"value": y, "label": str(y), "count": c, "selected": filters.get("year") == y}
                for y, c in sorted(years.items(), reverse=True)
            ],
        ),
        Facet(
            "validity",
            _("Tình trạng hiệu lực"),
            [
                {
                    "value": v.value,
                    "label": v.label,
                    "count": validity[v.value],
                    "selected": filters.get("validity") == v.value,
                }
                for v in Validity
                if v.value in validity
            ],
        ),
    ]


def _options(objects, counted: dict, selected) -> list[dict]:
    return [
        {"value": o.pk, "label": label(o), "count": counted[o.pk], "selected": selected == o.pk}
        for o in objects
    ]
