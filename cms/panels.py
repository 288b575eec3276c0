from wagtail.admin.panels import Panel


class WorkflowPanel(Panel):
    """The document's drafting workflow in the page editor; the workflow app renders it
    (template tag ``workflow_panel``), so cms does not import workflow models."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/panels/workflow.html"
