"""Filters, sort and facet counts of the public document index."""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.labels import label
from cms.models.snippets import DocumentType, IssuingBody, Sector
from cms.validity import Validity

# Sort keys over ``Row``: newest and oldest put undated documents last, ties by id.
SORTS = {
    "newest": lambda row: (row.issued_on is None, -(row.issued_on or MIN_DAY).toordinal(), -row.pk),
    "oldest": lambda row: (row.issued_on is None, row.issued_on or MIN_DAY, row.pk),
    "title": lambda row: (row.title, row.pk),
}
MIN_DAY = datetime.date.min


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


FACETS = ("type", "issuer", "sector", "year", "validity")


@dataclass(frozen=True)
class Row:
    """What filtering, counting and sorting read of one document."""

    pk: int
    title: str
    issued_on: datetime.date | None
    values: dict  # facet name -> the document's value (a set of slugs for "sector")

    def failing(self, filters: dict) -> list[str]:
        """The names of the active filters this document does not pass."""
        failing = []
        for name, value in self.values.items():
            wanted = filters.get(name)
            if wanted in (None, ""):
                continue
            if wanted not in value if name == "sector" else wanted != value:
                failing.append(name)
        return failing


def rows_of(*, pages, documents) -> list[Row]:
    """One light row per page of ``pages`` (wagtail pages), its fields read from ``documents``
    (legal documents, validity annotated): three queries whatever their number. Filters,
    facet counts and sorting are then worked out here rather than by one query each over every
    document. Each query reads one table, so that SQLite answers the documents' from the
    covering index ``document_listing`` without reading the rows (the body sits before
    columns added later: reading them would walk its overflow pages)."""
    titles = dict(pages.values_list("pk", "title"))
    through = documents.model.sectors.through
    slugs: dict[int, set[str]] = {}
    for pk, slug in through.objects.values_list("legaldocumentpage_id", "sector__slug"):
        slugs.setdefault(pk, set()).add(slug)
    fields = ("pk", "document_type_id", "issuing_body_id", "issued_on", "validity_value")
    return [
        Row(
            pk=pk,
            title=titles[pk],
            issued_on=issued_on,
            values={
                "type": type_id,
                "issuer": issuer_id,
                "sector": slugs.get(pk, set()),
                "year": issued_on.year if issued_on else None,
                "validity": validity,
            },
        )
        for pk, type_id, issuer_id, issued_on, validity in documents.order_by().values_list(*fields)
        if pk in titles
    ]


def matching_ids(rows: list[Row], filters: dict) -> list[int]:
    """The documents every filter keeps, in the order asked."""
    kept = [row for row in rows if not row.failing(filters)]
    return [row.pk for row in sorted(kept, key=SORTS[filters.get("sort") or "newest"])]


def facets(rows: list[Row], filters: dict) -> list[Facet]:
    """Counts for each facet value, with every other active filter applied: a document counts
    in every facet when it passes all filters, in one facet when it fails that one alone."""
    counted: dict[str, dict] = {name: {} for name in FACETS}
    for row in rows:
        failing = row.failing(filters)
        if len(failing) > 1:
            continue
        for name in failing or FACETS:
            value = row.values[name]
            for one in value if name == "sector" else (value,):
                if one is not None:
                    counted[name][one] = counted[name].get(one, 0) + 1
    types, issuers, sectors, years, validity = (counted[name] for name in FACETS)
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
