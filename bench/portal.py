"""Public pages without the cache (issue 15): server time and queries, the shared corpus loaded.

    .venv/bin/python bench/portal.py                         # this tree
    .venv/bin/python bench/portal.py --ref main              # and that commit, side by side
    .venv/bin/python bench/portal.py --database /tmp/portal.sqlite3 --requests 30

An SQLite database is built by this tree: ``migrate``, ``load_demo``, the corpus files
(``../shared/corpus`` or ``--corpus``; ``--limit`` keeps the first N lines of each) through
``manage.py import_documents --no-index`` (bench/import.py's helpers), then the search index
(``manage.py search_reindex``). With ``--database PATH`` it is built there when absent and
reused as it is otherwise (building takes minutes); without, in a temporary folder. A
PostgreSQL database is used instead when ``DATABASE_URL`` is set (built when it holds no
document yet). ``--ref``'s files (``git archive``) are measured first on the same database,
as it is; then this tree's migrations are applied (issue 15's change the row layout and add an
index: to compare, give a database built by the older tree).

Each tree serves every public page through Django's test client in a subprocess
(``config.settings.dev``, DEBUG off, as the other benchmarks), one page at a time: one warm-up
request, then ``--requests`` timed ones, each after ``cache.clear()`` so that no page (nor
anything else) comes from the cache; one more request counts the queries. The DOCX download is
timed twice: "first" with the stored file deleted before every request (built; at most 5
times), "stored" with it in storage. Prints the median and p95 in milliseconds and the query
count per page, and the median CPU time of the process (the server's work, SQLite included:
less changed than the wall time by other jobs on a shared machine).
"""

import argparse
import importlib.util
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = [sys.executable, str(Path(__file__).resolve())]
SHIM = 'from config.settings.dev import *  # noqa: F403\nDEBUG = False\nALLOWED_HOSTS = ["*"]\n'
SEARCH_WORDS = "doanh nghiệp"
FIRST_DOCX_REQUESTS = 5  # a build takes seconds: fewer of them


def _dashboard():
    """bench/dashboard.py's helpers (the subprocess protocol, the p95), and through it
    bench/import.py's (database, corpus, trees)."""
    spec = importlib.util.spec_from_file_location("dashboard", ROOT / "bench" / "dashboard.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pages() -> list[tuple[str, str]]:
    """(name, path) of every public page measured, read from the data."""
    from django.db.models import TextField
    from django.db.models.functions import Cast, Length

    from cms.models import ConsultationIndexPage, DocumentIndexPage, HomePage, LegalDocumentPage
    from cms.process import process

    home = HomePage.objects.live().first()
    index = DocumentIndexPage.objects.live().first()
    live = LegalDocumentPage.objects.live().public()
    law = live.annotate(size=Length(Cast("body", TextField()))).order_by("-size").first()
    decision = live.filter(document_type__name="Quyết định", issued_on__isnull=False).first()
    consultations = ConsultationIndexPage.objects.live().first()
    law_type = law.document_type_id
    pages = [
        ("home", home.url),
        ("document index", index.url),
        ("index, filtered", f"{index.url}?type={law_type}&sort=title"),
        ("index, page 2", f"{index.url}?page=2"),
        (f"law ({len(law.body.raw_data)} blocks)", law.url),
        ("decision", decision.url),
        ("search page", f"/tim-kiem/?q={SEARCH_WORDS}"),
        ("consultation index", consultations.url),
    ]
    open_ones = list(process().open_consultations())
    if open_ones:
        pages.append(("consultation draft", f"{consultations.url}{open_ones[0].page.pk}/"))
    return [
        *pages,
        ("Atom feed", "/feeds/van-ban/"),
        ("sitemap", "/sitemap.xml"),
        ("API v2 list", "/api/v2/van-ban/"),
        ("API v2 detail", f"/api/v2/van-ban/{law.pk}/"),
        ("search API", f"/api/search/?q={SEARCH_WORDS}"),
        ("DOCX, first", f"/van-ban/{law.pk}/tai-ve.docx"),
        ("DOCX, stored", f"/van-ban/{law.pk}/tai-ve.docx"),
    ]


def measure(tree: Path, requests: int) -> None:
    _dashboard()._django(tree)
    from django.core.cache import cache
    from django.core.files.storage import default_storage
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def forget_docx() -> None:
        shutil.rmtree(default_storage.path("van-ban-docx"), ignore_errors=True)

    client = Client()
    for name, path in _pages():
        # A first download builds the file: it is deleted before each one.
        before = forget_docx if name == "DOCX, first" else lambda: None
        before()
        assert client.get(path).status_code == 200, path  # warm-up
        times, cpu = [], []
        for _ in range(min(requests, FIRST_DOCX_REQUESTS) if name == "DOCX, first" else requests):
            before()
            cache.clear()
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            assert response.status_code == 200 and "X-Portal-Cache" not in response, path
        before()
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        row = {"page": name, "path": path, "times": times, "cpu": cpu, "queries": len(queries)}
        print(json.dumps(row), flush=True)


# -- the driver -----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", help="also measure this commit (before/after)")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--database", type=Path, help="SQLite file: built when absent, reused")
    parser.add_argument("--limit", type=int, help="first N lines of each corpus file")
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpus", help="folder of .jsonl.gz"
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # subprocess: a tree
    options = parser.parse_args()
    if options.measure:
        return measure(options.measure, options.requests)

    dashboard = _dashboard()
    bench = dashboard._import_bench()
    tmp = Path(tempfile.mkdtemp(prefix="ldt-bench-portal-"))
    try:
        (tmp / "shim").mkdir()
        (tmp / "shim" / "bench_settings.py").write_text(SHIM)
        database = options.database or tmp / "portal.sqlite3"
        env = {**bench._env(tmp, database), "MEDIA_ROOT": str(tmp / "media")}
        if os.environ.get("DATABASE_URL", "").startswith("postgres"):
            env["DATABASE_URL"] = os.environ["DATABASE_URL"]
        _build(bench, options, tmp, env, database)
        print(
            f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"database {env['DATABASE_URL'].split(':')[0]}, SQLite {sqlite3.sqlite_version}",
            flush=True,
        )
        trees = [("after", "this tree", ROOT)]
        if options.ref:
            trees.insert(0, ("before", options.ref, bench._tree(options.ref, tmp)))
        for label, name, tree in trees:
            if tree == ROOT:  # this tree's migrations (a no-op on a database it built)
                bench._manage(ROOT, env, "migrate", "-v0")
            _measure(dashboard, tree, env, label, name, options.requests)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _documents(env: dict) -> int:
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", _COUNT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    last = done.stdout.strip().splitlines()[-1:] if done.returncode == 0 else []
    return int(last[0]) if last and last[0].isdigit() else 0


_COUNT = "from cms.models import LegalDocumentPage; print(LegalDocumentPage.objects.count())"


def _build(bench, options, tmp: Path, env: dict, database: Path) -> None:
    """migrate, load_demo, the corpus and the search index, unless the database has them."""
    if _documents(env):
        print(f"reusing {env['DATABASE_URL']} ({_documents(env)} documents)", flush=True)
        return
    files = sorted(options.corpus.glob("*.jsonl.gz"))
    if not files:
        raise SystemExit(f"no .jsonl.gz in {options.corpus}")
    corpus = [str(f) for f in bench._corpus(files, options.limit, tmp)]
    started = time.perf_counter()
    bench._manage(ROOT, env, "migrate", "-v0")
    bench._manage(ROOT, env, "load_demo", "-v0")
    bench._manage(ROOT, env, "import_documents", *corpus, "--no-index")
    bench._manage(ROOT, env, "search_reindex")
    print(
        f"built {env['DATABASE_URL']}: {_documents(env)} documents "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def _measure(dashboard, tree: Path, env: dict, label: str, name: str, requests: int) -> None:
    for row in dashboard.measured_rows(SCRIPT, tree, env, name, requests):  # page by page
        times = row["times"]
        print(
            f"{label:6} ({name}) {row['page']:24} "
            f"median {statistics.median(times):7.1f} ms  p95 {dashboard._p95(times):7.1f} ms  "
            f"CPU median {statistics.median(row['cpu']):7.1f} ms  "
            f"{row['queries']:4} queries  (load {os.getloadavg()[0]:.1f})  {row['path']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
