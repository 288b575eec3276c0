"""Text is normalised to NFC on the way in, whatever path it takes (admin form, import, shell)."""

from django.db import models
from wagtail.fields import StreamField

from cms.text import nfc


def nfc_deep(value):
    """NFC every string inside a JSON-like structure (StreamField data)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [nfc_deep(v) for v in value]
    if isinstance(value, dict):
        return {k: nfc_deep(v) for k, v in value.items()}
    return value


class NFCTextMixin:
    """Normalises CharField and TextField values in ``full_clean()``, ``clean()`` and ``save()``.

    ``full_clean()`` normalises before the field validators, so a length is checked as stored;
    ``clean()`` covers Wagtail revisions (saved after ``full_clean()``); ``save()`` covers
    every other path.
    """

    def normalize_text_fields(self) -> None:
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, nfc(value))

    def full_clean(self, *args, **kwargs):
        self.normalize_text_fields()
        super().full_clean(*args, **kwargs)

    def clean(self):
        self.normalize_text_fields()
        super().clean()

    def save(self, *args, **kwargs):
        self.normalize_text_fields()
        super().save(*args, **kwargs)


class NFCStreamField(StreamField):
    """A StreamField whose stored JSON (live row and revisions alike) is NFC."""

    def get_prep_value(self, value):
        return nfc_deep(super().get_prep_value(value))
