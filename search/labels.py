"""Results in the visitor's language: the index stores Vietnamese names (one index for both
languages), so in English mode the facet labels and hits' types and issuers are swapped for the
English names of the reference data (``cms.labels``), one query per facet; Vietnamese needs
none."""

from dataclasses import replace

from cms.labels import english_labels, is_english
from cms.models import DocumentType, IssuingBody, Sector

from .backends.base import Results

# Facet -> the reference data its values are keys of.
REFERENCE_FACETS = {
    "type": (DocumentType, "pk"),
    "issuer": (IssuingBody, "pk"),
    "sector": (Sector, "slug"),
}


def in_visitor_language(results: Results) -> Results:
    if not is_english():
        return results
    facets = dict(results.facets)
    for name, (model, key) in REFERENCE_FACETS.items():
        values = facets.get(name, [])
        english = english_labels(model, key=key, values=[value.value for value in values])
        facets[name] = [replace(v, label=english.get(v.value, v.label)) for v in values]
    issuers = english_labels(
        IssuingBody, key="name", values={hit.issuer_name for hit in results.hits}
    )
    types = english_labels(DocumentType, key="name", values={hit.type_name for hit in results.hits})
    hits = [
        replace(
            hit,
            issuer_name=issuers.get(hit.issuer_name, hit.issuer_name),
            type_name=types.get(hit.type_name, hit.type_name),
        )
        for hit in results.hits
    ]
    return replace(results, facets=facets, hits=hits)
