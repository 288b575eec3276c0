"""The upload of the public verification: one file, kept in memory, never on disk, and no larger
than the cap. Django's default handlers would write a file over 2.5 MB to a temporary file;
this one keeps the first file's bytes up to ``limit`` and stops the upload past it (the rest of
the request body is read and dropped, so memory stays bounded by the cap)."""

import io
from functools import wraps

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload
from django.views.decorators.csrf import csrf_exempt

from .signatures.pdf_input import max_bytes


class CappedMemoryUpload(FileUploadHandler):
    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit
        self.too_large = False
        self.files = 0
        # Not ``file``: Django closes a handler's ``file`` when it skips a later one.
        self._buffer: io.BytesIO | None = None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.files += 1
        if self.files > 1:  # one file per request: a second one would double the memory
            raise SkipFile
        self._buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_large = True
            self._buffer = None
            raise StopUpload(connection_reset=False)
        self._buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        self._buffer.seek(0)
        return InMemoryUploadedFile(
            file=self._buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def capped_upload(view):
    """Give the view's POST requests a ``CappedMemoryUpload`` (the only upload handler).

    Handlers must be set before anything reads ``request.POST``, the CSRF check included: the
    wrapper is CSRF-exempt, and a view that needs the check wraps itself in ``csrf_protect``
    inside it (Django's documented pattern for changing upload handlers in a view)."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            request.upload_handlers = [CappedMemoryUpload(request, limit=max_bytes())]
        return view(request, *args, **kwargs)

    return wrapper


def upload_too_large(request) -> bool:
    return any(getattr(handler, "too_large", False) for handler in request.upload_handlers)
