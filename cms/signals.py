from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .cache import invalidate_portal
from .models import DeploymentIdentity, DocumentRelation, DocumentType, IssuingBody, Sector

page_published.connect(invalidate_portal, dispatch_uid="portal_cache_publish")
page_unpublished.connect(invalidate_portal, dispatch_uid="portal_cache_unpublish")
post_delete.connect(invalidate_portal, sender=Page, dispatch_uid="portal_cache_page_delete")
# The portal's header and footer show the deployment's identity.
for model in (DocumentType, IssuingBody, Sector, DocumentRelation, DeploymentIdentity):
    post_save.connect(
        invalidate_portal, sender=model, dispatch_uid=f"portal_cache_{model.__name__}"
    )
    post_delete.connect(
        invalidate_portal, sender=model, dispatch_uid=f"portal_cache_del_{model.__name__}"
    )
