"""The workflow of a page and its state, asked one way wherever a module needs them."""

from .models import DocumentWorkflow


def workflow_of_page(page_id: int) -> DocumentWorkflow | None:
    """The page's workflow with the page and its reference data (one query), or None."""
    return DocumentWorkflow.objects.with_page().filter(page_id=page_id).first()


def state_of_page(page_id: int) -> str | None:
    """The workflow state of a page, or None for a page without a workflow."""
    return DocumentWorkflow.objects.filter(page_id=page_id).values_list("state", flat=True).first()


def state_of_workflow(workflow_id: int) -> str | None:
    """The state of a workflow read from the database, or None once it is gone."""
    return DocumentWorkflow.objects.filter(pk=workflow_id).values_list("state", flat=True).first()
