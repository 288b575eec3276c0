"""The portal's pages ask the drafting process through ``cms.process``: cms never imports it."""

import pytest

from cms import process as process_module
from cms.process import CommentRefused, register_process
from workflow.public import PortalProcess


@pytest.fixture
def no_process():
    register_process(None)
    yield
    register_process(PortalProcess())


COMMENT = {
    "name": "Nguyễn Văn A",
    "organisation": "",
    "email": "",
    "article": "",
    "text": "Ý kiến.",
}


def test_the_workflow_app_registers_its_process():
    assert isinstance(process_module.process(), PortalProcess)


def test_without_a_process_no_draft_is_open_and_no_comment_is_stored(
    open_draft, client, no_process
):
    assert process_module.process().open_consultations() == []
    assert client.get("/lay-y-kien/").status_code == 200
    assert client.get(f"/lay-y-kien/{open_draft.pk}/").status_code == 404
    with pytest.raises(CommentRefused):
        process_module.process().submit_comment(consultation=None, **COMMENT)
    assert process_module.process().signed_copy(open_draft.pk) is None


def test_a_refused_comment_reaches_the_visitor_as_a_form_error(open_draft, client, monkeypatch):
    def refuse(**fields):
        raise CommentRefused("Đợt lấy ý kiến đã kết thúc.")

    monkeypatch.setattr(process_module.process(), "submit_comment", refuse)
    response = client.post(f"/lay-y-kien/{open_draft.pk}/", {**COMMENT, "website": ""})
    assert response.status_code == 400
    assert "Đợt lấy ý kiến đã kết thúc." in response.content.decode()


def test_the_open_draft_is_listed_through_the_process(open_draft, client):
    assert [c.page.pk for c in process_module.process().open_consultations()] == [open_draft.pk]
    assert open_draft.title in client.get("/lay-y-kien/").content.decode()
