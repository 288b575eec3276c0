"""Small builders for test data: each test creates only what it needs."""

import datetime

from wagtail.models import Page, Site

from cms.models import (
    ConsultationIndexPage,
    DeploymentIdentity,
    DocumentIndexPage,
    DocumentType,
    HomePage,
    IssuingBody,
    LegalDocumentPage,
)
from workflow.services import IssueData, perform_transition


def site_tree(*, consultations: bool = False) -> tuple[HomePage, DocumentIndexPage]:
    """A home page as the default site's root, with a document index under it (and the
    consultation page, ``consultations``)."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu-test"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    index = home.add_child(instance=DocumentIndexPage(title="Văn bản", slug="van-ban"))
    if consultations:
        consultation_index(home)
    return home, index


# Another province's deployment: every name differs from the demo's (Cao Bằng).
HA_GIANG = {
    "province": "tỉnh Hà Giang",
    "place": "Hà Giang",
    "department_name": "Sở Tư pháp",
    "department_code": "STP",
    "department_head_title": "Giám đốc",
    "report_recipients": "UBND tỉnh Hà Giang (báo cáo);\nBộ Tư pháp;\nLưu: VT, PL.",
    "portal_name": "Sở Tư pháp Hà Giang — Cổng văn bản",
    "portal_short_name": "Cổng văn bản Hà Giang",
    "committee_name_en": "",
    "portal_name_en": "",
    "portal_short_name_en": "",
    "department_full_name_en": "",
}


def deployment_identity(**fields) -> DeploymentIdentity:
    """The default site's identity with ``fields`` changed."""
    identity = DeploymentIdentity.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(identity, name, value)
    identity.save()
    return identity


def consultation_index(home: HomePage, title: str = "Lấy ý kiến dự thảo") -> ConsultationIndexPage:
    return home.add_child(instance=ConsultationIndexPage(title=title, slug="lay-y-kien"))


def document_type(*, code="QĐ", is_normative=False, name="Quyết định") -> DocumentType:
    return DocumentType.objects.get_or_create(
        code=code, is_normative=is_normative, defaults={"name": name}
    )[0]


def issuing_body(
    *, code="UBND", name="Ủy ban nhân dân tỉnh Cao Bằng", is_party=False
) -> IssuingBody:
    return IssuingBody.objects.get_or_create(
        code=code, defaults={"name": name, "is_party_body": is_party}
    )[0]


def legal_document(
    parent: Page,
    *,
    slug: str,
    number: str = "",
    issued_on: datetime.date | None = None,
    live: bool = True,
    **fields,
) -> LegalDocumentPage:
    """A draft, or (``live``) an issued document published through the workflow's import.

    ``sectors`` are set before the text is pinned (afterwards only a correction changes it).
    """
    sectors = fields.pop("sectors", ())
    issue = {
        name: fields.pop(name)
        for name in ("effective_on", "signer", "signer_title")
        if name in fields
    }
    page = LegalDocumentPage(
        title=fields.pop("title", f"Văn bản {slug}"),
        slug=slug,
        summary=fields.pop("summary", f"Trích yếu {slug}"),
        document_type=fields.pop("document_type", None) or document_type(),
        issuing_body=fields.pop("issuing_body", None) or issuing_body(),
        live=False,
        **fields,
    )
    parent.add_child(instance=page)
    if sectors:
        page.sectors.set(sectors)
    page.save_revision()
    if live:
        perform_transition(
            workflow_id=page.workflow.pk,
            name="import_published",
            user=None,
            system=True,
            issue=IssueData(
                number=number,
                issued_on=issued_on or datetime.date(2015, 1, 1),
                effective_on=issue.get("effective_on"),
                signer=issue.get("signer", "Nguyễn Văn A"),
                signer_title=issue.get("signer_title", "CHỦ TỊCH"),
            ),
        )
        page.refresh_from_db()
    return page
