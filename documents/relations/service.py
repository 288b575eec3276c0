"""Store the relations published documents state in their articles (``reading``).

``extract_relations`` reads the articles of published documents and keeps one
``DocumentRelation`` per statement (kind, cited number, article), linked to the published
document with that number (``cms.numbers.number_key``: "68/2014/QH13", "68/2014/QH 13",
dash variants alike; of several, the latest issued by the citing one's issue day) or kept as
a citation. Running it again changes only what changed in the texts or in the documents
present: a citation whose document has since been imported is linked, a statement no longer
read is removed while unreviewed, and what staff decided (confirmed, rejected) is kept.

Relations are classification, not the signed text (``cms.record``): writing them changes no
official text or fingerprint, and a later publication keeps them
(``LegalDocumentPage.with_content_json``). ``relations_changed`` tells the search index which
documents' validity may have changed.

Each batch of ``batch_size`` documents costs the same few queries (their bodies, their
extracted relations, the writes); the numbers of all published documents are read once.
"""

import datetime
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast

from cms.models import DocumentRelation, LegalDocumentPage
from cms.models.relations import relations_changed
from cms.numbers import normalize_number, number_key
from cms.relation_kinds import RelationReview

from .reading import Statement, articles_of, numbers_in, read_statements

_FIELDS = ("target_id", "partial", "citation", "effective_from", "source_sentence")


@dataclass
class ExtractionReport:
    documents: int = 0
    statements: int = 0
    created: int = 0
    updated: int = 0
    removed: int = 0  # unreviewed relations no longer read from their text
    relinked: int = 0  # citations of other documents now linked
    changed_targets: set[int] = field(default_factory=set)

    def __str__(self) -> str:
        return (
            f"{self.documents} documents read, {self.statements} relations stated: "
            f"{self.created} new, {self.updated} changed, {self.removed} removed; "
            f"{self.relinked} earlier citations linked."
        )


def comparison_key(number: str) -> str:
    try:
        return number_key(number)
    except ValueError:  # a number of a valid form that cannot exist: compared as written
        return normalize_number(number)


class _Numbers:
    """The published documents by number key: (issued_on, page id), oldest first."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[tuple[datetime.date, int]]] = defaultdict(list)
        rows = LegalDocumentPage.objects.live().exclude(number_key="").exclude(issued_on=None)
        for pk, key, issued_on in rows.values_list("pk", "number_key", "issued_on"):
            self.by_key[key].append((issued_on, pk))
        for pages in self.by_key.values():
            pages.sort()

    def target(self, number: str, *, source_id: int, issued_on) -> int | None:
        candidates = [
            (day, pk) for day, pk in self.by_key.get(comparison_key(number), ()) if pk != source_id
        ]
        earlier = [c for c in candidates if issued_on is None or c[0] <= issued_on]
        chosen = earlier or candidates
        return chosen[-1][1] if chosen else None


def _key(relation: DocumentRelation) -> tuple:
    numbers = numbers_in(relation.citation)
    number = comparison_key(numbers[-1]) if numbers else relation.citation
    return (relation.source_id, relation.kind, relation.source_article, number)


def extract_relations(
    *,
    source_ids: Iterable[int] | None = None,
    batch_size: int = 200,
    progress: Callable[[int], None] | None = None,
) -> ExtractionReport:
    """Read and store the relations stated by published documents (``source_ids`` only, when
    given: then the citations of all others are linked to those now present too)."""
    report = ExtractionReport()
    numbers = _Numbers()
    pages = LegalDocumentPage.objects.live().exclude(issued_on=None)
    if source_ids is not None:
        pages = pages.filter(pk__in=list(source_ids))
    rows = (
        pages.order_by("pk")
        .annotate(body_json=Cast("body", TextField()))
        .values_list("pk", "number", "issued_on", "body_json")
        .iterator(chunk_size=batch_size)
    )
    while batch := list(islice(rows, batch_size)):
        with transaction.atomic():
            _store(batch, numbers, report)
        if progress is not None:
            progress(len(batch))
    if source_ids is not None:
        with transaction.atomic():
            _relink(numbers, report)
    if report.changed_targets:
        relations_changed.send(sender=DocumentRelation, target_ids=report.changed_targets)
    return report


def _store(batch: list[tuple], numbers: _Numbers, report: ExtractionReport) -> None:
    existing = {
        _key(relation): relation
        for relation in DocumentRelation.objects.filter(
            source_id__in=[row[0] for row in batch]
        ).exclude(source_sentence="")
    }
    new, changed = [], []
    for pk, own_number, issued_on, body_json in batch:
        report.documents += 1
        body = json.loads(body_json) if body_json else []
        for statement in read_statements(articles_of(body), own_number=own_number):
            report.statements += 1
            wanted = _relation(statement, source_id=pk, issued_on=issued_on, numbers=numbers)
            relation = existing.pop(_key(wanted), None)
            if relation is None:
                new.append(wanted)
                report.changed_targets.add(wanted.target_id)
            elif any(getattr(relation, f) != getattr(wanted, f) for f in _FIELDS):
                report.changed_targets.update({relation.target_id, wanted.target_id})
                for name in _FIELDS:
                    setattr(relation, name, getattr(wanted, name))
                changed.append(relation)
    DocumentRelation.objects.bulk_create(new)
    DocumentRelation.objects.bulk_update(changed, _FIELDS)
    stale = [r for r in existing.values() if r.review == RelationReview.EXTRACTED]
    DocumentRelation.objects.filter(pk__in=[r.pk for r in stale]).delete()
    report.changed_targets.update(r.target_id for r in stale)
    report.changed_targets.discard(None)
    report.created += len(new)
    report.updated += len(changed)
    report.removed += len(stale)


def _relation(
    statement: Statement, *, source_id: int, issued_on, numbers: _Numbers
) -> DocumentRelation:
    return DocumentRelation(
        source_id=source_id,
        kind=statement.kind,
        partial=statement.partial,
        target_id=numbers.target(statement.number, source_id=source_id, issued_on=issued_on),
        citation=statement.citation,
        effective_from=statement.effective_from,
        review=RelationReview.EXTRACTED,
        source_article=statement.article,
        source_sentence=statement.sentence,
    )


def _relink(numbers: _Numbers, report: ExtractionReport) -> None:
    """Link the extracted citations whose document is now present."""
    unlinked = (
        DocumentRelation.objects.filter(target=None)
        .exclude(source_sentence="")
        .values_list("pk", "citation", "source_id", "source__issued_on")
    )
    linked = []
    for pk, citation, source_id, issued_on in unlinked.iterator(chunk_size=2000):
        found = numbers_in(citation)
        target = found and numbers.target(found[-1], source_id=source_id, issued_on=issued_on)
        if target:
            linked.append(DocumentRelation(pk=pk, target_id=target))
            report.changed_targets.add(target)
    DocumentRelation.objects.bulk_update(linked, ["target_id"], batch_size=500)
    report.relinked += len(linked)
