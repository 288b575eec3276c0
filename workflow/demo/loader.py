"""Builds the site tree and the reference department's demo content; safe to run repeatedly."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import translation
from wagtail.models import Page, Site

from cms.demo import content, illustrative
from cms.models import (
    ConsultationIndexPage,
    DeploymentIdentity,
    DocumentIndexPage,
    DocumentRelation,
    DocumentType,
    HomePage,
    IssuingBody,
    LegalDocumentPage,
    Sector,
)
from workflow.roles import GROUP_NAMES, Role

from . import signing
from .history import play_demo_history
from .later import play_later_stage

REVIEW_YEAR = 2015
# The years the demo can stop at: the review's state, or the illustrative later stage.
STAGES = (REVIEW_YEAR, illustrative.YEAR)

HOME_INTRO = (
    "<p>Cổng văn bản của Sở Thông tin và Truyền thông tỉnh Cao Bằng: tra cứu văn bản đã ban "
    "hành, theo dõi chương trình xây dựng văn bản quy phạm pháp luật và góp ý dự thảo.</p>"
    f"<p><em>{content.DEMO_NOTICE}</em></p>"
)


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    users: list[tuple[str, str]] = field(default_factory=list)


@transaction.atomic
def load_demo(*, create_users: bool, until: int = STAGES[-1]) -> DemoReport:
    """``until``: 2015 stops at the review's state (the programme report's tests read it);
    the default goes on to the illustrative 2016 stage (``later``).

    The demo is Vietnamese content whatever language is active (names made from labels, such
    as a dossier file's, are stored)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _load_demo(create_users=create_users, until=until)


def _load_demo(*, create_users: bool, until: int) -> DemoReport:
    report = DemoReport()
    signing.demo_ca.cache_clear()  # a new demo CA for this load, created if anything is signed
    _load_reference_data(report)
    home = _ensure_home(report)
    documents = _ensure_child(
        home,
        DocumentIndexPage,
        report,
        slug="van-ban",
        title="Văn bản",
        show_in_menus=True,
        intro="<p>Văn bản do Ủy ban nhân dân tỉnh, Tỉnh ủy ban hành trong lĩnh vực thông tin "
        "và truyền thông.</p>",
    )
    _ensure_child(
        home,
        ConsultationIndexPage,
        report,
        slug="lay-y-kien",
        title="Lấy ý kiến dự thảo",
        show_in_menus=True,
        intro="<p>Dự thảo văn bản đang lấy ý kiến của cơ quan, tổ chức và nhân dân.</p>",
    )
    for spec in [*content.ISSUED, *content.PROGRAMME]:
        _ensure_document(documents, spec, report)
    if create_users:
        _ensure_users(report)
    # Issued documents are published and drafts put in their 2015 states through the workflow.
    play_demo_history(documents, report.created)
    if until >= illustrative.YEAR:
        play_later_stage(documents, report.created)
    for spec in content.ISSUED:
        _ensure_relations(documents, spec)
    return report


def _load_reference_data(report: DemoReport) -> None:
    for name, slug in content.SECTORS:
        sector, created = Sector.objects.get_or_create(slug=slug, defaults={"name": name})
        _fill_english(sector, "name")
        if created:
            report.created.append(f"Lĩnh vực: {name}")
    for name, code, is_normative in content.DOCUMENT_TYPES:
        document_type, created = DocumentType.objects.get_or_create(
            code=code, is_normative=is_normative, defaults={"name": name}
        )
        _fill_english(document_type, "name")
        if created:
            report.created.append(f"Loại văn bản: {name} ({code})")
    for name, code, is_party in content.BODIES:
        body, created = IssuingBody.objects.get_or_create(
            code=code, defaults={"name": name, "is_party_body": is_party}
        )
        _fill_english(body, "name")
        if created:
            report.created.append(f"Cơ quan: {name}")


def _fill_english(obj, name: str) -> None:
    """The demo's English name or title where it is blank (edits are kept; sites loaded before
    the English fields get them on the next ``load_demo``)."""
    english = content.ENGLISH_NAMES.get(getattr(obj, name))
    if english and not getattr(obj, f"{name}_en"):
        setattr(obj, f"{name}_en", english)
        obj.save(update_fields=[f"{name}_en"])


def _ensure_home(report: DemoReport) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Trang chủ", slug="trang-chu", intro=HOME_INTRO, show_in_menus=True
            )
        )
        report.created.append("Trang chủ")
    _fill_english(home, "title")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Văn bản pháp luật",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    # Wagtail's placeholder "Welcome" page is replaced by the home page.
    Page.objects.filter(depth=2, content_type__model="page").delete()
    _ensure_identity(site, report)
    return home


def _ensure_identity(site: Site, report: DemoReport) -> None:
    """The demo department's identity, in the fields not filled in yet (edits are kept)."""
    identity = DeploymentIdentity.for_site(site)
    missing = {
        name: value for name, value in content.IDENTITY.items() if not getattr(identity, name)
    }
    if missing:
        for name, value in missing.items():
            setattr(identity, name, value)
        identity.save()
        report.created.append("Thông tin đơn vị triển khai")


def _ensure_child(parent: Page, model, report: DemoReport, *, slug: str, **fields) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        _fill_english(existing, "title")
        return existing
    page = parent.add_child(instance=model(slug=slug, **fields))
    _fill_english(page, "title")
    report.created.append(str(page.title))
    return page


def _ensure_document(parent: Page, spec: dict, report: DemoReport) -> None:
    """The page as a draft; numbers, dates and publication come from the workflow."""
    if LegalDocumentPage.objects.child_of(parent).filter(slug=spec["slug"]).exists():
        return
    code, is_normative = spec["type"]
    page = LegalDocumentPage(
        slug=spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        document_type=DocumentType.objects.get(code=code, is_normative=is_normative),
        issuing_body=IssuingBody.objects.get(code=spec.get("issuer", "UBND")),
        lead_agency=IssuingBody.objects.get(code="STTTT"),
        planned_submission=spec.get("planned_submission"),
        preamble="\n".join(spec["preamble"]),
        body=spec["body"],
        recipients="\n".join(spec.get("recipients", [])),
        live=False,
    )
    page.sectors = Sector.objects.filter(slug__in=spec["sectors"])
    parent.add_child(instance=page)
    page.save_revision()
    report.created.append(f"Văn bản: {spec.get('number') or page.title}")


def _ensure_relations(parent: Page, spec: dict) -> None:
    source = LegalDocumentPage.objects.child_of(parent).get(slug=spec["slug"])
    for kind, target_slug, citation in spec["relations"]:
        target = (
            LegalDocumentPage.objects.child_of(parent).get(slug=target_slug)
            if target_slug
            else None
        )
        DocumentRelation.objects.get_or_create(
            source=source, kind=kind, target=target, citation=citation
        )


def _ensure_users(report: DemoReport) -> None:
    User = get_user_model()
    for username, first_name, last_name, role in content.DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@demo.invalid",
            },
        )
        if created:
            user.set_password(content.DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=GROUP_NAMES[Role(role)]))
        report.users.append((username, str(Role(role).label)))
    admin, created = User.objects.get_or_create(
        username="quantri",
        defaults={"is_staff": True, "is_superuser": True, "email": "quantri@demo.invalid"},
    )
    if created:
        admin.set_password(content.DEMO_PASSWORD)
        admin.save()
    report.users.append(("quantri", "Quản trị hệ thống"))
