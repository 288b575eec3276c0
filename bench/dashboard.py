"""Dashboard benchmark (issue 14): the admin home of each demo role, the shared corpus loaded.

    .venv/bin/python bench/dashboard.py                  # this tree
    .venv/bin/python bench/dashboard.py --ref main       # and that commit, side by side
    .venv/bin/python bench/dashboard.py --requests 20 --documents 200 --limit 500

For each code tree (this one, and ``--ref``'s files extracted with ``git archive``) an SQLite
database is built: ``migrate`` and ``load_demo`` (the demo roles' users and documents) by that
tree; then, by this tree's code so that both hold the same data, the corpus files
(``../shared/corpus`` or ``--corpus``; ``--limit`` keeps the first N lines of each) through
``manage.py import_documents --no-index`` (bench/import.py's helpers), and ``--documents``
in-progress documents spread over every state (``tests.factories.spread_of_documents``:
dossiers, rounds, comments, audit rows).

Then the tree serves ``GET /admin/`` through Django's test client in a subprocess
(``config.settings.dev``, DEBUG off, as the other benchmarks): for each demo role one warm-up
request, then ``--requests`` timed ones (``--ref-requests`` for the older tree, which took
seconds per request); one more request counts the queries. Prints the median and p95 in
milliseconds and the query count, per role and tree.
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
ROLES = {
    "soanthao": "Tổ soạn thảo",
    "lanhdao": "Lãnh đạo Sở",
    "thamdinh": "Thẩm định viên",
    "vanphong": "Văn phòng UBND tỉnh",
    "bientap": "Biên tập viên cổng",
}
SHIM = 'from config.settings.dev import *  # noqa: F403\nDEBUG = False\nALLOWED_HOSTS = ["*"]\n'


def _import_bench():
    """bench/import.py (a keyword as a module name: loaded from its path)."""
    spec = importlib.util.spec_from_file_location("bench_import", ROOT / "bench" / "import.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- in the subprocess, inside one code tree ------------------------------------------------------


def _django(tree: Path) -> None:
    sys.path.insert(0, str(tree))
    import django

    django.setup()


def populate(tree: Path, documents: int) -> None:
    _django(tree)
    from django.utils import timezone

    from cms.models import DocumentIndexPage
    from tests import factories

    index = DocumentIndexPage.objects.first()
    factories.spread_of_documents(index, documents, today=timezone.localdate(), start=10_000)


def measure(tree: Path, requests: int) -> None:
    _django(tree)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for username in ROLES:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        assert client.get("/admin/").status_code == 200  # warm-up
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get("/admin/")
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get("/admin/")
        print(json.dumps({"user": username, "times": times, "queries": len(queries)}), flush=True)


# -- the driver -----------------------------------------------------------------------------------


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", help="also measure this commit (before/after)")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per role")
    parser.add_argument(
        "--ref-requests", type=int, default=5, help="for --ref (seconds per request before)"
    )
    parser.add_argument("--documents", type=int, default=200, help="in-progress documents")
    parser.add_argument("--limit", type=int, help="first N lines of each corpus file")
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpus", help="folder of .jsonl.gz"
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # subprocess: a tree
    parser.add_argument("--populate", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        return measure(options.measure, options.requests)
    if options.populate:
        return populate(options.populate, options.documents)

    bench = _import_bench()
    files = sorted(options.corpus.glob("*.jsonl.gz"))
    if not files:
        raise SystemExit(f"no .jsonl.gz in {options.corpus}")
    tmp = Path(tempfile.mkdtemp(prefix="ldt-bench-dashboard-"))
    try:
        (tmp / "shim").mkdir()
        (tmp / "shim" / "bench_settings.py").write_text(SHIM)
        corpus = [str(f) for f in bench._corpus(files, options.limit, tmp)]
        print(
            f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}",
            flush=True,
        )
        trees = [("after", "this tree", ROOT, options.requests)]
        if options.ref:
            tree = bench._tree(options.ref, tmp)
            trees.insert(0, ("before", options.ref, tree, options.ref_requests))
        for label, name, tree, requests in trees:
            env = _build(bench, tree, tmp, label, corpus, options.documents)
            _measure(tree, env, label, name, requests)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _build(bench, tree: Path, tmp: Path, label: str, corpus: list[str], documents: int) -> dict:
    """The tree's own schema (migrate, load_demo), then the same data whatever the tree: the
    corpus import and the spread of documents are run by this tree's code."""
    started = time.perf_counter()
    database = bench._template(tree, tmp, label)
    env = bench._env(tmp, database)
    bench._manage(ROOT, env, "import_documents", *corpus, "--no-index")
    subprocess.run(
        [*SCRIPT, "--populate", str(ROOT), "--documents", str(documents)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    with sqlite3.connect(database) as db:
        pages = db.execute("SELECT COUNT(*) FROM cms_legaldocumentpage").fetchone()[0]
        states = dict(
            db.execute("SELECT state, COUNT(*) FROM workflow_documentworkflow GROUP BY state")
        )
    print(
        f"{label}: {pages} documents {states} (built in {time.perf_counter() - started:.0f} s)",
        flush=True,
    )
    return env


def measured_rows(script: list[str], tree: Path, env: dict, name: str, requests: int):
    """The JSON rows a ``--measure`` subprocess of ``script`` prints, as it prints them."""
    worker = subprocess.Popen(
        [*script, "--measure", str(tree), "--requests", str(requests)],
        cwd=tree,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    for line in worker.stdout:
        yield json.loads(line)
    if worker.wait():
        raise SystemExit(f"the measurement of {name} failed")


def _measure(tree: Path, env: dict, label: str, name: str, requests: int) -> None:
    for row in measured_rows(SCRIPT, tree, env, name, requests):  # one role at a time
        times = row["times"]
        print(
            f"{label:6} ({name}) {row['user']:9} {ROLES[row['user']]:20} "
            f"median {statistics.median(times):7.1f} ms  p95 {_p95(times):7.1f} ms  "
            f"{row['queries']:5} queries  (load {os.getloadavg()[0]:.1f})",
            flush=True,
        )


if __name__ == "__main__":
    main()
