from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow import services
from workflow.forms import FORMS
from workflow.transitions import options_for, step_refusal

from .base import WorkflowFormView, editor_url


class TransitionView(WorkflowFormView):
    """Confirm one step (with the data it needs) and take it."""

    def setup_option(self) -> bool:
        options = {o.name: o for o in options_for(self.workflow, self.request.user)}
        self.option = options.get(self.kwargs["name"])
        return self.option is not None

    def get(self, request, *args, **kwargs):
        if not self.setup_option():
            return self.unavailable()
        if not self.option.allowed:
            return self.blocked()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.setup_option():
            return self.unavailable()
        if not self.option.allowed:
            # A condition blocks the step (a stale form, or a crafted request): 409 with why.
            form = self.get_form()
            for problem in self.option.problems:
                form.add_error(None, problem)
            response = self.form_invalid(form)
            response.status_code = 409
            return response
        return super().post(request, *args, **kwargs)

    def blocked(self):
        for problem in self.option.problems:
            messages.error(self.request, problem)
        return redirect(editor_url(self.workflow))

    def unavailable(self):
        """The step is not offered to this user now: say whether the state or the role refuses
        it (a step only imports take is refused as well)."""
        reason = step_refusal(self.workflow, self.kwargs["name"], self.request.user)
        messages.error(
            self.request, reason or _("Bước này chỉ được thực hiện khi nhập văn bản đã ban hành.")
        )
        return redirect(editor_url(self.workflow))

    def get_form_class(self):
        return FORMS[self.option.form]

    def get_initial(self):
        initial = {"expected_state": self.workflow.state}
        if self.option.form == "issue":
            today = timezone.localdate()
            initial["issued_on"] = today
            if self.workflow.is_normative:
                initial["effective_on"] = self.workflow.rules.earliest_effective(today)
        if self.option.form == "consultation":
            initial["ends_on"] = self.workflow.rules.consultation_end_min(timezone.localdate())
        return initial

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "number" in form.fields:
            proposal = services.next_number_proposal(
                page=self.workflow.page, year=timezone.localdate().year
            )
            form.fields["number"].widget.attrs["placeholder"] = proposal
            form.fields["number"].help_text = _(
                "Để trống để hệ thống cấp số tiếp theo trong sổ (hiện là %(number)s)."
            ) % {"number": proposal}
        return form

    def get_page_title(self):
        return self.option.label

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(option=self.option, submit_label=self.option.label)
        return context

    def act(self, form) -> str:
        workflow = services.perform_transition(
            workflow_id=self.workflow.pk,
            name=self.option.name,
            user=self.request.user,
            note=form.cleaned_data.get("note", ""),
            expected_state=form.cleaned_data["expected_state"],
            **form.step_data(),
        )
        return _("Đã thực hiện “%(step)s”. Trạng thái hiện tại: %(state)s.") % {
            "step": self.option.label,
            "state": workflow.get_state_display(),
        }
