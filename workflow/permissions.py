"""Who may act: role membership (groups of workflow.roles); superusers hold every role."""

from collections.abc import Callable

from .roles import GROUP_NAMES, Role


def user_roles(user) -> set[Role]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser:
        return set(Role)
    cached = getattr(user, "_workflow_roles", None)
    if cached is None:
        by_name = {name: role for role, name in GROUP_NAMES.items()}
        names = user.groups.filter(name__in=by_name).values_list("name", flat=True)
        cached = {by_name[name] for name in names}
        user._workflow_roles = cached
    return cached


def has_role(user, *roles: Role) -> bool:
    return bool(user_roles(user) & set(roles))


def role_permission(*roles: Role) -> Callable:
    """A django-fsm ``permission=`` callable granting the transition to these roles."""

    def permission(instance, user) -> bool:
        return has_role(user, *roles)

    permission.roles = roles
    return permission
