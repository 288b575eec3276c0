"""Workflow benchmark: transitions per second, and concurrent number allocation.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ldt_dev .venv/bin/python bench/workflow.py

Options: ``--documents 200`` (each taken planned → … → published, one after the other),
``--threads 1,2,4,8`` and ``--allocations 200`` (per thread, all on one register).

Nothing is written to the database DATABASE_URL names: the benchmark creates a throwaway
database next to it (``bench_<name>``, Django's test-database machinery: created, migrated, and
dropped at the end, even after an error) and keeps dossier files in a temporary folder that is
removed too. Settings: ``config.settings.dev`` (override with DJANGO_SETTINGS_MODULE), with
DEBUG off (no query log) and in-memory e-mail; notifications are built and queued as in
production (outbox rows and task rows; no worker runs, so nothing is sent). Without a PostgreSQL
DATABASE_URL it runs on a temporary SQLite file and skips the concurrent part (SQLite serialises
writers).
"""

import argparse
import datetime
import io
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
# Dossier files and page media go to a folder removed at the end (read when settings load).
SCRATCH = Path(tempfile.mkdtemp(prefix="ldt-bench-"))
os.environ["PRIVATE_MEDIA_ROOT"] = str(SCRATCH / "private")
os.environ["MEDIA_ROOT"] = str(SCRATCH / "media")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from docx import Document  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from cms.models import (  # noqa: E402
    DocumentIndexPage,
    DocumentType,
    HomePage,
    IssuingBody,
    LegalDocumentPage,
)
from workflow import services, signed_copies  # noqa: E402
from workflow.dossier import DossierKind  # noqa: E402
from workflow.models import DocumentWorkflow, NumberSequence  # noqa: E402
from workflow.roles import GROUP_NAMES, Role  # noqa: E402
from workflow.services import IssueData  # noqa: E402

# planned → drafting → consultation → drafting → appraisal → appraised → submitted → issued →
# published: (transition, dossier items attached just before it).
PATH = (
    ("start_drafting", ()),
    ("open_consultation", (DossierKind.DRAFT,)),
    ("close_consultation", ()),
    ("send_for_appraisal", (DossierKind.DRAFT_MEMO, DossierKind.COMMENT_SYNTHESIS)),
    ("complete_appraisal", (DossierKind.APPRAISAL_REPORT,)),
    (
        "submit",
        (DossierKind.APPRAISAL_RESPONSE, DossierKind.FINAL_MEMO, DossierKind.FINAL_DRAFT),
    ),
    ("issue", ()),
    ("publish", (DossierKind.SIGNED_COPY,)),
)
ACTOR = {
    "start_drafting": Role.DRAFTING_TEAM,
    "open_consultation": Role.LEADERSHIP,
    "close_consultation": Role.DRAFTING_TEAM,
    "send_for_appraisal": Role.LEADERSHIP,
    "complete_appraisal": Role.APPRAISER,
    "submit": Role.LEADERSHIP,
    "issue": Role.COMMITTEE_OFFICE,
    "publish": Role.PORTAL_EDITOR,
}
UPLOADER = {
    DossierKind.APPRAISAL_REPORT: Role.APPRAISER,
    DossierKind.SIGNED_COPY: Role.COMMITTEE_OFFICE,
}


# -- environment -------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        ram = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        ram = "unknown"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            database = f"{connection.vendor} {connection.Database.sqlite_version}"
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "ram": ram,
        "database": database,
        "python": platform.python_version(),
        "date": datetime.date.today().isoformat(),
    }


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def throwaway_database() -> None:
    """Create and migrate ``bench_<name>`` (PostgreSQL) or a temporary SQLite file."""
    db = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        db.setdefault("TEST", {})["NAME"] = f"bench_{db['NAME']}"
    else:
        db.setdefault("TEST", {})["NAME"] = str(SCRATCH / "bench.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)


# -- data --------------------------------------------------------------------------------------


def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("Dự thảo văn bản (tệp của phép đo hiệu năng).")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class Fixture:
    def __init__(self):
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Trang chủ", slug="bench-home"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
        self.index = home.add_child(instance=DocumentIndexPage(title="Văn bản", slug="van-ban"))
        self.normative = DocumentType.objects.get_or_create(
            code="QĐ", is_normative=True, defaults={"name": "Quyết định"}
        )[0]
        self.administrative = DocumentType.objects.get_or_create(
            code="QĐ", is_normative=False, defaults={"name": "Quyết định"}
        )[0]
        self.issuer = IssuingBody.objects.get_or_create(
            code="UBND", defaults={"name": "Ủy ban nhân dân tỉnh Cao Bằng"}
        )[0]
        User = get_user_model()
        self.users = {}
        for role in Role:
            user = User.objects.create_user(
                username=f"bench-{role.value}", password=None, email=f"{role.value}@bench.invalid"
            )
            user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
            self.users[role] = user
        self.docx = docx_bytes()

    def draft(self, slug: str, *, normative: bool = True) -> DocumentWorkflow:
        page = LegalDocumentPage(
            title=f"Dự thảo {slug}",
            slug=slug,
            summary=f"Trích yếu {slug}",
            document_type=self.normative if normative else self.administrative,
            issuing_body=self.issuer,
            planned_submission=datetime.date(2026, 12, 1),
            live=False,
        )
        self.index.add_child(instance=page)
        page.save_revision()
        return DocumentWorkflow.objects.get(page=page)

    def attach(self, workflow, kind: DossierKind) -> None:
        services.attach_dossier_file(
            workflow=workflow,
            user=self.users[UPLOADER.get(kind, Role.DRAFTING_TEAM)],
            kind=kind,
            upload=SimpleUploadedFile(f"{kind.value}.docx", self.docx),
        )


# -- measurements ------------------------------------------------------------------------------


def step_data(name: str, today: datetime.date) -> dict:
    if name == "open_consultation":
        return {"consultation_ends_on": today + datetime.timedelta(days=30)}
    if name == "issue":
        return {
            "issue": IssueData(
                issued_on=today,
                effective_on=today + datetime.timedelta(days=10),
                signer="Nguyễn Văn A",
                signer_title="CHỦ TỊCH",
            )
        }
    return {}


def bench_transitions(fixture: Fixture, documents: int) -> dict:
    drafts = [fixture.draft(f"bench-{i:04d}") for i in range(documents)]
    today = timezone.localdate()
    timings: dict[str, list[float]] = defaultdict(list)
    upload_times: list[float] = []
    started = time.perf_counter()
    for workflow in drafts:
        for name, kinds in PATH:
            for kind in kinds:
                t0 = time.perf_counter()
                fixture.attach(workflow, kind)
                upload_times.append(time.perf_counter() - t0)
            if name == "publish":
                # The bench files a Word copy, not a signed PDF: leadership allows it (untimed).
                signed_copies.allow_publication(
                    workflow_id=workflow.pk,
                    user=fixture.users[Role.LEADERSHIP],
                    reason="Phép đo hiệu năng: bản sao Word, không ký số.",
                )
            t0 = time.perf_counter()
            services.perform_transition(
                workflow_id=workflow.pk,
                name=name,
                user=fixture.users[ACTOR[name]],
                note="Phép đo hiệu năng.",
                **step_data(name, today),
            )
            timings[name].append(time.perf_counter() - t0)
    wall = time.perf_counter() - started
    published = DocumentWorkflow.objects.filter(pk__in=[w.pk for w in drafts], state="published")
    assert published.count() == documents, "not every document reached 'published'"
    numbers = list(
        LegalDocumentPage.objects.filter(workflow__in=drafts).values_list("number", flat=True)
    )
    assert len(set(numbers)) == documents, "duplicate numbers"
    return {"timings": timings, "uploads": upload_times, "wall": wall}


def bench_allocation(fixture: Fixture, threads: int, per_thread: int, year: int) -> dict:
    page = fixture.draft(f"alloc-{threads}-{year}", normative=False)
    page = LegalDocumentPage.objects.select_related("document_type", "issuing_body").get(
        pk=page.page_id
    )
    barrier = threading.Barrier(threads)
    numbers: list[list[str]] = [[] for _ in range(threads)]
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            barrier.wait(timeout=60)
            for _ in range(per_thread):
                with transaction.atomic():
                    numbers[index].append(services.allocate_number(page=page, year=year))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()  # this thread's connection

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    wall = time.perf_counter() - started
    if errors:
        raise errors[0]
    handed_out = [n for chunk in numbers for n in chunk]
    total = threads * per_thread
    expected = {f"{i}/QĐ-UBND" for i in range(1, total + 1)}
    sequence = NumberSequence.objects.get(
        issuer=fixture.issuer, register="administrative", year=year
    )
    return {
        "threads": threads,
        "allocations": total,
        "wall": wall,
        "duplicates": len(handed_out) - len(set(handed_out)),
        "gaps": len(expected - set(handed_out)),
        "last": sequence.last,
    }


# -- report ------------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def print_transitions(result: dict, documents: int) -> None:
    timings = result["timings"]
    print(f"\nTransitions: {documents} normative documents, planned → published, sequential")
    print(f"{'transition':<22}{'count':>7}{'mean ms':>10}{'p95 ms':>10}{'total s':>10}")
    every = []
    for name, _kinds in PATH:
        values = timings[name]
        every.extend(values)
        print(
            f"{name:<22}{len(values):>7}{ms(statistics.mean(values)):>10}"
            f"{ms(p95(values)):>10}{sum(values):>10.2f}"
        )
    total = sum(every)
    print(
        f"{'all transitions':<22}{len(every):>7}{ms(statistics.mean(every)):>10}"
        f"{ms(p95(every)):>10}{total:>10.2f}   → {len(every) / total:.0f} transitions/s"
    )
    uploads = result["uploads"]
    print(
        f"{'(dossier uploads)':<22}{len(uploads):>7}{ms(statistics.mean(uploads)):>10}"
        f"{ms(p95(uploads)):>10}{sum(uploads):>10.2f}"
    )
    print(f"wall time including uploads: {result['wall']:.1f} s")


def print_allocations(rows: list[dict]) -> None:
    print(
        "\nConcurrent number allocation: one register (UBND, administrative), one transaction each"
    )
    print(
        f"{'threads':>7}{'allocations':>13}{'seconds':>9}{'alloc/s':>9}"
        f"{'duplicates':>12}{'gaps':>6}{'sequence':>10}"
    )
    for row in rows:
        print(
            f"{row['threads']:>7}{row['allocations']:>13}{row['wall']:>9.2f}"
            f"{row['allocations'] / row['wall']:>9.0f}{row['duplicates']:>12}{row['gaps']:>6}"
            f"{row['last']:>10}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--threads", default="1,2,4,8")
    parser.add_argument("--allocations", type=int, default=200, help="per thread")
    args = parser.parse_args()

    settings.DEBUG = False  # no query log
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    original = settings.DATABASES["default"]["NAME"]
    try:
        throwaway_database()
        info = machine()
        print(" | ".join(f"{key}: {value}" for key, value in info.items()))
        module = os.environ["DJANGO_SETTINGS_MODULE"]
        print(f"settings: {module}, rule set {settings.WORKFLOW_RULE_SET}")
        print(f"load average at start: {load_average()}")
        fixture = Fixture()
        print_transitions(bench_transitions(fixture, args.documents), args.documents)
        if connection.vendor != "postgresql":
            print("\nConcurrent allocation skipped: SQLite serialises writers (use PostgreSQL).")
            return 0
        rows = [
            bench_allocation(fixture, threads, args.allocations, year=2100 + i)
            for i, threads in enumerate(int(t) for t in args.threads.split(","))
        ]
        print_allocations(rows)
        print(f"\nload average at end: {load_average()}")
        if any(r["duplicates"] or r["gaps"] or r["last"] != r["allocations"] for r in rows):
            print("ERROR: the register handed out duplicate or missing numbers", file=sys.stderr)
            return 1
        return 0
    finally:
        connections.close_all()
        # create_test_db switches NAME as soon as the throwaway database exists.
        if connection.settings_dict["NAME"] != original:
            connection.creation.destroy_test_db(original, verbosity=0)
        shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
