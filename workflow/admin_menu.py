"""Admin menu entries for screens every workflow role may open (``rights.see_workflow``)."""

from wagtail.admin.menu import MenuItem

from .rights import see_workflow


class RoleMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(see_workflow(request.user))
