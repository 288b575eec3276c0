"""The page editor offers tables, notes, attached texts and appendices: the edit view
renders a body holding each of them (with the table editor's scripts), and a body posted
from the editor is saved as the common block schema."""

import copy
import json

from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import LegalDocumentPage
from tests import factories
from tests.whole_text import PLAIN_TABLE, TABLE, WHOLE_BODY


def table_form_value(table: dict) -> str:
    """What the table editor posts: the table as JSON, with the header choice it shows."""
    return json.dumps({**table, "table_header_choice": "row"})


class WholeTextBodyInTheAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        _home, self.index = factories.site_tree()

    def test_the_edit_view_renders_a_body_with_every_new_block(self):
        page = factories.legal_document(
            self.index, slug="toan-van", live=False, body=copy.deepcopy(WHOLE_BODY)
        )
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        assert "table_block/js/table.js" in html  # the table editor
        # The blocks' definitions and the body's values, as the editor's JSON writes them.
        for text in (
            "Bảng",
            "Ghi chú",
            "Văn bản ban hành kèm theo",
            "Phụ lục",
            "Sở Tài chính",
            "Về quản lý cụm công nghiệp",
            "DANH MỤC CỤM CÔNG NGHIỆP",
        ):
            assert json.dumps(text)[1:-1] in html, text

    def test_a_body_with_every_new_block_is_saved_from_the_editor(self):
        article = {
            "number": "2",
            "heading": "Chỉ tiêu",
            "text": "Giao chỉ tiêu như sau:",
            "clauses": streamfield([]),
            "tables": streamfield([("item", table_form_value(TABLE))]),
        }
        attachment = {"title": "QUY ĐỊNH", "heading": "Về quản lý", "note": "(Ban hành kèm theo)"}
        appendix = {
            "number": "I",
            "title": "DANH MỤC",
            "content": streamfield(
                [("paragraph", "Danh mục gồm:"), ("table", table_form_value(PLAIN_TABLE))]
            ),
        }
        self.assertCanCreate(
            self.index,
            LegalDocumentPage,
            nested_form_data(
                {
                    "title": "Quyết định ban hành Quy định",
                    "slug": "qd-ban-hanh-quy-dinh",
                    "summary": "Ban hành Quy định về quản lý",
                    "document_type": factories.document_type().pk,
                    "issuing_body": factories.issuing_body().pk,
                    "planned_submission": "15/01/2027",
                    "body": streamfield(
                        [
                            ("article", article),
                            ("table", table_form_value(PLAIN_TABLE)),
                            ("note", "Ghi chú: số liệu tạm tính."),
                            ("attachment", attachment),
                            ("appendix", appendix),
                        ]
                    ),
                    "relations": inline_formset([]),
                }
            ),
            publish=False,
        )
        page = LegalDocumentPage.objects.get(slug="qd-ban-hanh-quy-dinh")
        raw = [{"type": b["type"], "value": b["value"]} for b in page.body.raw_data]
        assert [b["type"] for b in raw] == ["article", "table", "note", "attachment", "appendix"]
        [table] = [item["value"] for item in raw[0]["value"]["tables"]]
        assert table["data"] == TABLE["data"] and table["first_row_is_table_header"]
        assert raw[1]["value"]["data"] == PLAIN_TABLE["data"]
        assert raw[2]["value"] == "Ghi chú: số liệu tạm tính."
        assert raw[3]["value"] == attachment
        content = raw[4]["value"]["content"]
        assert [(c["type"], c["value"] if c["type"] == "paragraph" else None) for c in content] == [
            ("paragraph", "Danh mục gồm:"),
            ("table", None),
        ]
        assert [a.anchor for a in page.articles()] == ["dieu-2"]
