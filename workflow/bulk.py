"""Bulk publication (the corpus import): work that follows each publication, done at the end.

Publishing a document sets off work in apps the importer may not import (the search index
lives beside ``documents``, not below it). Those apps register a ``Follower`` here, from their
``AppConfig.ready``:

- ``deferral``: a context manager under which they only record what is to be done;
- ``catch_up``: called once after the import (unless the caller leaves the work pending) to
  do it in batches; it draws its progress on ``stream`` and returns a line for the report.

``bulk_publication()`` also mutes the workflow's e-mails: nobody has to act on an import.
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from typing import TextIO

from . import notifications


@dataclass(frozen=True, kw_only=True)
class Follower:
    name: str
    deferral: Callable[[], AbstractContextManager]
    catch_up: Callable[..., str]  # (*, batch_size: int | None, stream: TextIO) -> report line


_followers: dict[str, Follower] = {}


def register_follower(follower: Follower) -> None:
    _followers[follower.name] = follower


@contextmanager
def bulk_publication() -> Iterator[None]:
    with ExitStack() as stack:
        stack.enter_context(notifications.muted())
        for follower in _followers.values():
            stack.enter_context(follower.deferral())
        yield


def catch_up(*, batch_size: int | None, stream: TextIO) -> list[str]:
    """Each follower's deferred work, done now; their report lines."""
    return [
        follower.catch_up(batch_size=batch_size, stream=stream) for follower in _followers.values()
    ]
