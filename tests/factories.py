"""Small builders for test data: each test creates only what it needs."""

import datetime

from wagtail.models import Page, Site

from cms.models import (
    DocumentIndexPage,
    DocumentType,
    HomePage,
    IssuingBody,
    LegalDocumentPage,
)


def site_tree() -> tuple[HomePage, DocumentIndexPage]:
    """A home page as the default site's root, with a document index under it."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu-test"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    index = home.add_child(instance=DocumentIndexPage(title="Văn bản", slug="van-ban"))
    return home, index


def document_type(*, code="QĐ", is_normative=False, name="Quyết định") -> DocumentType:
    return DocumentType.objects.get_or_create(
        code=code, is_normative=is_normative, defaults={"name": name}
    )[0]


def issuing_body(*, code="UBND", name="Ủy ban nhân dân tỉnh Cao Bằng") -> IssuingBody:
    return IssuingBody.objects.get_or_create(code=code, defaults={"name": name})[0]


def legal_document(
    parent: Page,
    *,
    slug: str,
    number: str = "",
    issued_on: datetime.date | None = None,
    live: bool = True,
    **fields,
) -> LegalDocumentPage:
    page = LegalDocumentPage(
        title=fields.pop("title", f"Văn bản {slug}"),
        slug=slug,
        summary=fields.pop("summary", f"Trích yếu {slug}"),
        document_type=fields.pop("document_type", None) or document_type(),
        issuing_body=fields.pop("issuing_body", None) or issuing_body(),
        number=number,
        issued_on=issued_on,
        live=live,
        **fields,
    )
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page
