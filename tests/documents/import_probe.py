"""Run one DOCX through the import preview in a process of its own, so its peak memory can be
measured from outside: ``python tests/documents/import_probe.py FILE`` prints a JSON outcome.

The preview is what an upload costs a worker: the upload checks, parsing, the page body, the
file kept aside, and the preview's structure rendered (the admin page around it is constant).
"""

import json
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[2]


def main(path: str) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.files import File
    from django.template.loader import render_to_string

    from documents import importing
    from workflow.errors import WorkflowError
    from workflow.states import State

    # Only the state and the role are read before anything is stored; no database is needed
    # (a superuser holds every role without a query).
    workflow = SimpleNamespace(state=State.DRAFTING)
    drafter = SimpleNamespace(is_authenticated=True, is_active=True, is_superuser=True)
    outcome: dict = {}
    start = time.monotonic()
    with open(path, "rb") as handle:
        try:
            preview = importing.preview_upload(
                workflow=workflow, user=drafter, upload=File(handle, name="du-thao.docx")
            )
        except WorkflowError as error:
            outcome.update(refused=" ".join(error.messages))
        else:
            page = render_to_string(
                "documents/includes/import_preview_content.html", {"preview": preview}
            )
            outcome.update(
                refused=None,
                page_bytes=len(page.encode()),
                blocks=len(preview.content.blocks),
                characters=sum(
                    len(block["value"].get("text", "")) for block in preview.content.blocks
                ),
            )
    outcome["seconds"] = time.monotonic() - start
    outcome["peak_rss"] = peak_rss()
    imports = Path(settings.PRIVATE_MEDIA_ROOT) / "imports"
    outcome["stored"] = sorted(p.name for p in imports.iterdir()) if imports.exists() else []
    return outcome


def peak_rss() -> int:
    """This process's peak resident memory in bytes (VmHWM: since its exec, unlike the rusage
    a parent sees, which starts from the parent's size at the fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
