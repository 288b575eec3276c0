"""Wagtail's backwards-compatible alias of ``publish_scheduled``: the same guarded command."""

from .publish_scheduled import Command  # noqa: F401
