from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import (
    ConsultationIndexPage,
    DocumentIndexPage,
    HomePage,
    LegalDocumentPage,
)
from tests import factories


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_under_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {DocumentIndexPage, ConsultationIndexPage})

    def test_indexes_sit_under_the_home_page(self):
        self.assertAllowedParentPageTypes(DocumentIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ConsultationIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(DocumentIndexPage, {LegalDocumentPage})
        self.assertAllowedSubpageTypes(ConsultationIndexPage, set())

    def test_legal_documents_live_only_in_a_document_index(self):
        self.assertAllowedParentPageTypes(LegalDocumentPage, {DocumentIndexPage})
        self.assertAllowedSubpageTypes(LegalDocumentPage, set())
        self.assertCanNotCreateAt(HomePage, LegalDocumentPage)
        self.assertCanNotCreateAt(ConsultationIndexPage, LegalDocumentPage)

    def test_only_one_home_page(self):
        root = Page.get_first_root_node()
        assert HomePage.can_create_at(root)
        factories.site_tree()
        assert not HomePage.can_create_at(root)


class CreateLegalDocumentTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        _home, self.index = factories.site_tree()
        self.doc_type = factories.document_type(is_normative=True)
        self.issuer = factories.issuing_body()

    def test_a_document_with_structured_body_can_be_created_in_the_admin(self):
        self.assertCanCreate(
            self.index,
            LegalDocumentPage,
            nested_form_data(
                {
                    "title": "Quy chế phát ngôn",
                    "slug": "quy-che-phat-ngon",
                    "summary": "Ban hành Quy chế phát ngôn và cung cấp thông tin cho báo chí",
                    "document_type": self.doc_type.pk,
                    "issuing_body": self.issuer.pk,
                    "planned_submission": "15/10/2015",
                    "body": streamfield(
                        [
                            ("chapter", {"number": "I", "heading": "QUY ĐỊNH CHUNG"}),
                            (
                                "article",
                                {
                                    "number": "1",
                                    "heading": "Phạm vi điều chỉnh",
                                    "text": "Quy chế này quy định việc phát ngôn.",
                                    "clauses": streamfield([]),
                                    "tables": streamfield([]),
                                },
                            ),
                        ]
                    ),
                    "relations": inline_formset([]),
                }
            ),
            publish=False,  # a document goes live only through the workflow
        )
        page = LegalDocumentPage.objects.get(slug="quy-che-phat-ngon")
        # The planned submission is a month: stored as its first day.
        assert page.planned_submission.isoformat() == "2015-10-01"
        articles = list(page.articles())
        assert [a.number for a in articles] == ["1"]
        assert articles[0].chapter["number"] == "I"
        assert articles[0].anchor == articles[0].article.anchor == "dieu-1"
