"""``portal`` in every template: the deployment's names (``DeploymentIdentity``) in the current
language, read from the database only when a template uses them."""

from django.utils import translation
from django.utils.functional import SimpleLazyObject

from .models import DeploymentIdentity


def portal_identity(request) -> dict:
    def names():
        return DeploymentIdentity.current(request).names(translation.get_language())

    return {"portal": SimpleLazyObject(names)}
