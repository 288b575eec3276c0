"""What the public pages need from the drafting process, which lives in a higher layer.

cms renders the consultation pages and the issued documents; the workflow app knows which drafts
are open for comment, stores the comments and keeps the signed copies. It registers a
``PublicProcess`` when it starts (``register_process``) because cms must not import workflow.
Without one (a cms-only context) no draft is open for comment and no signed copy is offered.
"""

from typing import Any, Protocol


class CommentRefused(Exception):
    """A public comment that cannot be stored, with messages a visitor understands."""

    def __init__(self, *messages: str):
        self.messages = [str(m) for m in messages]
        super().__init__(" ".join(self.messages))


class PublicProcess(Protocol):
    def open_consultations(self) -> list[Any]: ...

    def open_consultation(self, page_id: int) -> Any | None: ...

    def submit_comment(
        self,
        *,
        consultation: Any,
        name: str,
        organisation: str,
        email: str,
        article: str,
        text: str,
    ) -> None: ...

    def signed_copy(self, page_id: int) -> Any | None:
        """The published document's signed original: an object with ``original_name`` and
        ``signature_check`` (None, or an object whose ``public_line`` says in Vietnamese who
        signed and whether the signatures hold), or None."""


class _NoProcess:
    def open_consultations(self) -> list[Any]:
        return []

    def open_consultation(self, page_id: int) -> Any | None:
        return None

    def submit_comment(self, **fields) -> None:
        raise CommentRefused("No drafting process is installed.")

    def signed_copy(self, page_id: int) -> Any | None:
        return None


_process: PublicProcess = _NoProcess()


def register_process(process: PublicProcess | None) -> None:
    global _process
    _process = process or _NoProcess()


def process() -> PublicProcess:
    return _process
