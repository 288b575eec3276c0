"""A published document as Akoma Ntoso 3.0 XML (OASIS LegalDocML, the ``akomantoso30.xsd``
schema), built from the page row and its raw body JSON as ``cms.record`` reads them, so the XML
holds the whole issued text: every line of the canonical text's body, preamble, signature and
recipients is in it (``tests/documents/test_akn.py`` holds the words equal).

The Vietnamese hierarchy in AKN's civil-law terms: Chương -> ``chapter``, Mục -> ``section``,
Điều -> ``article``, khoản -> ``paragraph``, điểm -> ``point``. Tables and notes between
articles are ``hcontainer``s (``name="table"``, ``"note"``); each attached text ("QUY ĐỊNH ban
hành kèm theo") and each appendix is an ``attachment`` holding its own ``doc`` (``name=
"attachment"`` / ``"appendix"``) with its own FRBR names (``<work>/!att_1``). The mapping table
and what is left out: docs/documents.md, "Open legal data (issue 15)".
"""

import re
from collections.abc import Iterable, Mapping

from lxml import etree

from cms.blocks import list_values, placed_blocks, table_rows
from cms.models import DeploymentIdentity, LegalDocumentPage
from cms.text import fold, nfc, slug_of

from .uri import LANGUAGE, WorkURI, work_uri

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_NS = f"{{{AKN_NAMESPACE}}}"
# Characters XML 1.0 cannot hold (a stray form feed from a Word file).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value) -> str:
    return _NOT_XML.sub("", " ".join(nfc(str(value or "")).split()))


def _lines(value) -> list[str]:
    return [line for line in (_text(part) for part in str(value or "").splitlines()) if line]


def _token(value: str) -> str:
    """A number as an eId component: "5a" -> "5a", "đ" -> "dd" (not "d": points d and đ are
    both common), "Mục IV" -> "muc-iv"."""
    value = str(value or "").replace("đ", "dd").replace("Đ", "dd")
    return "-".join(re.findall(r"[a-z0-9]+", fold(value)))


def _el(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, _NS + tag, {k: str(v) for k, v in attrs.items()})
    if text:
        element.text = text
    return element


class _EIds:
    """eIds unique within the act (the schema's ``eId-act`` constraint), attachments' under
    their ``att_N__`` prefix; a repeated one gets ``_2``, ``_3``..."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.counters: dict[str, int] = {}

    def __call__(self, wanted: str) -> str:
        eid, n = wanted, 1
        while eid in self.used:
            n += 1
            eid = f"{wanted}_{n}"
        self.used.add(eid)
        return eid

    def next(self, prefix: str, kind: str) -> str:
        key = f"{prefix}{kind}"
        self.counters[key] = self.counters.get(key, 0) + 1
        return self(f"{key}_{self.counters[key]}")


def _paragraphs(parent, lines: list[str], *, keep_empty: bool = True) -> None:
    for line in lines:
        _el(parent, "p", line)
    if not lines and keep_empty:
        _el(parent, "p")


def _table(parent, table: Mapping | None, eid: str) -> None:
    """A table block (caption, rows of plain cells); a table without rows is its caption."""
    caption = _text((table or {}).get("table_caption"))
    rows = [row for row in table_rows(table) if row]
    if not rows:
        _paragraphs(parent, [caption] if caption else [], keep_empty=False)
        return
    element = _el(parent, "table", eId=eid)
    if caption:
        _el(element, "caption", caption)
    for row in rows:
        tr = _el(element, "tr")
        for cell in row:
            _paragraphs(_el(tr, "td"), _lines(cell))


class _BodyWriter:
    """Writes body blocks (raw JSON) into a container: chapters and sections open containers,
    articles go into the innermost one."""

    def __init__(self, eids: _EIds, prefix: str) -> None:
        self.eids, self.prefix = eids, prefix

    def write(self, container, items: Iterable[tuple[str, object]]) -> None:
        chapter = section = None
        for kind, value in items:
            if kind == "chapter":
                chapter, section = self._division(container, "chapter", "chp", value), None
            elif kind == "section":
                section = self._division(
                    chapter if chapter is not None else container, "section", "sec", value
                )
            else:
                here = section if section is not None else chapter
                self.block(here if here is not None else container, kind, value)
        for element in container.iter(_NS + "chapter", _NS + "section"):
            if len(element) == sum(1 for c in element if c.tag in (_NS + "num", _NS + "heading")):
                _paragraphs(_el(element, "content"), [])

    def _division(self, parent, tag: str, short: str, value) -> etree._Element:
        value = value or {}
        number = _text(value.get("number"))
        # Sections restart in each chapter: "chp_II__sec_1" (AKN naming convention).
        within = f"{parent.get('eId')}__" if parent.tag == _NS + "chapter" else self.prefix
        eid = self.eids(f"{within}{short}_{_token(number) or 'nn'}")
        element = _el(parent, tag, eId=eid)
        label = "Chương" if tag == "chapter" else "Mục"
        _el(element, "num", f"{label} {number}".strip())
        heading = _text(value.get("heading"))
        if heading:
            _el(element, "heading", heading)
        return element

    def block(self, parent, kind: str, value) -> None:
        if kind == "article":
            self.article(parent, value or {})
        elif kind == "table":
            holder = _el(
                parent, "hcontainer", eId=self.eids.next(self.prefix, "hcontainer"), name="table"
            )
            content = _el(holder, "content")
            _table(content, value, self.eids.next(self.prefix, "table"))
            if not len(content):
                _el(content, "p")
        elif kind == "note":
            holder = _el(
                parent, "hcontainer", eId=self.eids.next(self.prefix, "hcontainer"), name="note"
            )
            _paragraphs(_el(holder, "content"), _lines(value if isinstance(value, str) else ""))

    def article(self, parent, value: Mapping) -> None:
        number = _text(value.get("number"))
        eid = self.eids(f"{self.prefix}art_{_token(number) or 'nn'}")
        article = _el(parent, "article", eId=eid)
        _el(article, "num", f"Điều {number}.")
        heading = _text(value.get("heading"))
        if heading:
            _el(article, "heading", heading)
        intro, clauses = _lines(value.get("text")), list(list_values(value.get("clauses")))
        tables = list(list_values(value.get("tables")))
        if not clauses:
            content = _el(article, "content")
            _paragraphs(content, intro, keep_empty=not tables)
            for table in tables:
                _table(content, table, self.eids(f"{eid}__table_{len(content)}"))
            if not len(content):
                _el(content, "p")
            return
        if intro:
            _paragraphs(_el(article, "intro"), intro)
        for position, clause in enumerate(clauses, start=1):
            self.clause(article, clause or {}, eid, position)
        if tables:
            wrap_up = _el(article, "wrapUp")
            for position, table in enumerate(tables, start=1):
                _table(wrap_up, table, self.eids(f"{eid}__table_{position}"))
            if not len(wrap_up):
                _el(wrap_up, "p")

    def clause(self, article, clause: Mapping, article_eid: str, position: int) -> None:
        number = _text(clause.get("number"))
        eid = self.eids(f"{article_eid}__para_{_token(number) or f'nn{position}'}")
        paragraph = _el(article, "paragraph", eId=eid)
        if number:
            _el(paragraph, "num", f"{number}.")
        lines, points = _lines(clause.get("text")), list(list_values(clause.get("points")))
        if not points:
            _paragraphs(_el(paragraph, "content"), lines)
            return
        if lines:
            _paragraphs(_el(paragraph, "intro"), lines)
        for point in points:
            letter = _text((point or {}).get("letter"))
            element = _el(
                paragraph, "point", eId=self.eids(f"{eid}__point_{_token(letter) or 'nn'}")
            )
            if letter:
                _el(element, "num", f"{letter})")
            _paragraphs(_el(element, "content"), _lines((point or {}).get("text")))


def _groups(raw_body: Iterable) -> tuple[list, list[tuple[str, Mapping, list]]]:
    """The main text's (kind, value) items, and each attached text or appendix with the items
    that follow it (blocks after an appendix stay with that appendix: nothing is dropped)."""
    main: list = []
    attached: list[tuple[str, Mapping, list]] = []
    for item in placed_blocks(raw_body):
        if item.kind in ("attachment", "appendix"):
            attached.append((item.kind, item.value or {}, []))
        elif attached:
            attached[-1][2].append((item.kind, item.value))
        else:
            main.append((item.kind, item.value))
    return main, attached


def _identification(
    meta,
    uri: WorkURI,
    *,
    component: str,
    name: str,
    author: str,
    published: str,
    prescriptive: bool | None,
) -> None:
    suffix = f"/!{component}"
    ident = _el(meta, "identification", source="#portal")
    work = _el(ident, "FRBRWork")
    _el(work, "FRBRthis", value=uri.work + suffix)
    _el(work, "FRBRuri", value=uri.work)
    _el(work, "FRBRdate", date=uri.date, name="Generation")
    _el(work, "FRBRauthor", href=f"#{author}")
    _el(work, "FRBRcountry", value=uri.country)  # "vn-caobang", as cobalt writes it
    _el(work, "FRBRsubtype", value=uri.subtype)
    _el(work, "FRBRnumber", value=uri.number)
    if name:
        _el(work, "FRBRname", value=name)
    if prescriptive is not None:
        _el(work, "FRBRprescriptive", value="true" if prescriptive else "false")
    expression = _el(ident, "FRBRExpression")
    _el(expression, "FRBRthis", value=uri.expression + suffix)
    _el(expression, "FRBRuri", value=uri.expression)
    _el(expression, "FRBRdate", date=uri.date, name="Generation")
    _el(expression, "FRBRauthor", href=f"#{author}")
    _el(expression, "FRBRlanguage", language=LANGUAGE)
    manifestation = _el(ident, "FRBRManifestation")
    _el(manifestation, "FRBRthis", value=f"{uri.expression}{suffix}.xml")
    _el(manifestation, "FRBRuri", value=uri.manifestation)
    _el(manifestation, "FRBRdate", date=published, name="Transform")
    _el(manifestation, "FRBRauthor", href="#portal")
    _el(manifestation, "FRBRformat", value="application/akn+xml")


def _date(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _meta(
    act,
    page: LegalDocumentPage,
    uri: WorkURI,
    identity: DeploymentIdentity,
    issuer: str,
    published: str,
) -> None:
    meta = _el(act, "meta")
    _identification(
        meta,
        uri,
        component="main",
        name=_text(page.title),
        author=issuer,
        published=published,
        prescriptive=page.document_type.is_normative,
    )
    # Issue is the work's generation; entry into force and expiry are named events.
    events = [
        (page.issued_on, "issued"),
        (page.effective_on, "effective"),
        (page.expires_on, "expiry"),
    ]
    events = [(day, name) for day, name in events if day]
    if events:
        lifecycle = _el(meta, "lifecycle", source="#portal")
        for day, name in events:
            attrs = {"type": "generation"} if name == "issued" else {"refersTo": f"#{name}"}
            _el(
                lifecycle,
                "eventRef",
                eId=f"e_{name}",
                date=day.isoformat(),
                source="#original",
                **attrs,
            )
    references = _el(meta, "references", source="#portal")
    _el(references, "original", eId="original", href=uri.expression, showAs=_text(page.title))
    portal = _text(identity.portal_name or identity.department_name) or "portal"
    _el(
        references,
        "TLCOrganization",
        eId="portal",
        href=f"/ontology/organization/{uri.country}/{slug_of(portal) or 'portal'}",
        showAs=portal,
    )
    _el(
        references,
        "TLCOrganization",
        eId=issuer,
        href=f"/ontology/organization/{uri.country}/{issuer}",
        showAs=_text(page.issuing_body.name),
    )
    if page.effective_on:
        _el(
            references,
            "TLCEvent",
            eId="effective",
            href="/ontology/event/vn/effective",
            showAs="Có hiệu lực",
        )
    if page.expires_on:
        _el(
            references,
            "TLCEvent",
            eId="expiry",
            href="/ontology/event/vn/expiry",
            showAs="Hết hiệu lực",
        )


def _preface(act, page: LegalDocumentPage) -> None:
    preface = _el(act, "preface")
    _el(_el(preface, "p", **{"class": "issuer"}), "docAuthority", _text(page.issuing_body.name))
    if page.number:
        _el(_el(preface, "p", **{"class": "number"}), "docNumber", _text(page.number))
    if page.issued_on:
        _el(
            _el(preface, "p", **{"class": "date"}),
            "docDate",
            _date(page.issued_on),
            date=page.issued_on.isoformat(),
        )
    _el(_el(preface, "p", **{"class": "type"}), "docType", _text(page.document_type.name))
    _el(_el(_el(preface, "longTitle"), "p"), "docTitle", _text(page.title))
    if _text(page.summary):
        _el(preface, "p", _text(page.summary), **{"class": "summary"})


def _conclusions(act, page: LegalDocumentPage) -> None:
    titles, signer, recipients = (
        _lines(page.signer_title),
        _text(page.signer),
        _lines(page.recipients),
    )
    if not (titles or signer or recipients):
        return
    conclusions = _el(act, "conclusions")
    if titles or signer:
        block = _el(conclusions, "blockContainer", eId="signature", **{"class": "signature"})
        for title in titles:
            _el(block, "p", title, **{"class": "signer-title"})
        if signer:
            _el(_el(block, "p", **{"class": "signer"}), "signature", signer)
    if recipients:
        block = _el(conclusions, "blockContainer", eId="recipients", **{"class": "recipients"})
        _paragraphs(block, recipients)


def _attachment(
    parent,
    kind: str,
    value: Mapping,
    items: list,
    position: int,
    uri: WorkURI,
    eids: _EIds,
    issuer: str,
    published: str,
) -> None:
    component = f"att_{position}"
    prefix = f"{component}__"
    attachment = _el(parent, "attachment", eId=eids(component))
    doc = _el(attachment, "doc", name=kind)
    if kind == "appendix":
        number = _text(value.get("number"))
        name = f"Phụ lục {number}".strip()
        title_lines = _lines(value.get("title"))
    else:
        name = _text(value.get("title"))
        title_lines = _lines(value.get("heading"))
    _identification(
        _el(doc, "meta"),
        uri,
        component=component,
        name=name,
        author=issuer,
        published=published,
        prescriptive=None,
    )
    preface = _el(doc, "preface")
    if name:
        _el(_el(preface, "p", **{"class": "title"}), "docType", name)
    if title_lines:
        _paragraphs(_el(preface, "longTitle"), title_lines)
    if kind == "attachment":
        for line in _lines(value.get("note")):
            _el(preface, "p", line, **{"class": "issued-with"})
    if not len(preface):
        doc.remove(preface)
    main_body = _el(doc, "mainBody")
    if kind == "appendix":
        for item in value.get("content") or ():
            item = item or {}
            if item.get("type") == "table":
                _table(main_body, item.get("value"), eids.next(prefix, "table"))
            else:
                _paragraphs(main_body, _lines(item.get("value")), keep_empty=False)
    _BodyWriter(eids, prefix).write(main_body, items)
    if not len(main_body):
        _el(main_body, "p")


def akn_tree(page: LegalDocumentPage, *, identity: DeploymentIdentity) -> etree._ElementTree:
    """The document's Akoma Ntoso XML: the page row's fields (the published revision's, since
    the live row is what was published) and its raw body."""
    uri = work_uri(page, identity=identity)
    issuer = slug_of(page.issuing_body.code or page.issuing_body.name) or "issuer"
    if issuer == "portal":
        issuer = "issuer-portal"
    published_at = page.last_published_at or page.first_published_at
    published = published_at.date().isoformat() if published_at else uri.date
    root = etree.Element(_NS + "akomaNtoso", nsmap={None: AKN_NAMESPACE})
    act = _el(root, "act", name=uri.subtype)
    _meta(act, page, uri, identity, issuer, published)
    _preface(act, page)
    preamble = _lines(page.preamble)
    if preamble:
        _paragraphs(_el(act, "preamble"), preamble)
    eids = _EIds()
    eids.used.update(
        {
            "signature",
            "recipients",
            "original",
            "portal",
            issuer,
            "effective",
            "expiry",
            "e_issued",
            "e_effective",
            "e_expiry",
        }
    )
    main, attached = _groups(page.body.raw_data)
    body = _el(act, "body")
    _BodyWriter(eids, "").write(body, main)
    if not len(body):
        _paragraphs(
            _el(_el(body, "hcontainer", eId=eids("hcontainer_1"), name="empty"), "content"), []
        )
    _conclusions(act, page)
    if attached:
        attachments = _el(act, "attachments")
        for position, (kind, value, items) in enumerate(attached, start=1):
            _attachment(attachments, kind, value, items, position, uri, eids, issuer, published)
    return etree.ElementTree(root)


def akn_bytes(page: LegalDocumentPage, *, identity: DeploymentIdentity) -> bytes:
    return etree.tostring(
        akn_tree(page, identity=identity), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
