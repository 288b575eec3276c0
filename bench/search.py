"""Search benchmark: import, index build and query latency through the API code path.

    .venv/bin/python bench/search.py                    # SQLite, then PostgreSQL if reachable
    .venv/bin/python bench/search.py --databases sqlite --scales 1
    .venv/bin/python bench/search.py --scales 1,10,100  # growth: 1x, 10x and 100x the corpus

For each database (a child process each, on a throwaway database: a temporary SQLite file, or
``bench_<name>`` next to the PostgreSQL database of ``--postgres-url``; dropped at the end):

1. import the shared corpus (``import_documents``, documents/s);
2. rebuild the index as ``manage.py search_reindex`` does (``search.rebuild.rebuild_index``:
   documents/s, articles/s), then time reading and preparing the pages alone;
3. run a fixed mix of queries (diacritic-free, with diacritics, phrases, numbers, filtered,
   topics) through ``GET /api/search/`` with Django's test client (form, backend, JSON: the
   whole API code path but the network), a warm-up pass then ``--repeat`` timed passes:
   p50/p95/p99, and the share of the judged queries whose document is among the first three
   distinct documents (untimed requests; at 10x and 100x a document's copies count as it, and
   as they rank together, pages of hits are read until three distinct documents are found, at
   most 3 x scale hits: 30 at 10x, 300 at 100x); where the time goes (one profiled pass:
   match, filters and facets, highlights, JSON); the peak RSS while querying (of this
   process, and of the PostgreSQL server process of its connection) and the index's size on
   disk;
4. index the same pages with Wagtail's database search backend and run the diacritic-free
   queries through it (``get_search_backend().search(query, LegalDocumentPage)``): latency
   and how many it answers (right document in the top 3);
5. the floor: a bare SQLite FTS5 phrase query over the same folded text (SQLite run only);
6. at 10x: nine copies of every indexed record with distinct numbers ("…-BS2" … "-BS10") are
   written to the index through ``backend.index`` (index-level copies: the API path reads only
   the index), the index build time is reported for all ten, and the query mix runs again;
7. at 100x: the copies up to 100 are made inside the database from the original index rows
   (``bench/search_scale.py``: ``INSERT … SELECT``, the same ids and numbers, checked against
   ``backend.index`` by ``tests/bench``), then ``optimize``; the query mix runs again. Before
   starting, and again once the 1x index is measured, the bench refuses a scale whose copies
   would leave less than 15 GB of disk free.

Results are printed as Markdown (the "Search" section of docs/benchmarks.md) and, with
``--json FILE``, saved as JSON. Settings: ``config.settings.dev`` with DEBUG off.
"""

import argparse
import cProfile
import dataclasses
import io
import itertools
import json
import math
import os
import platform
import pstats
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import search_scale  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
MARKER = "BENCH-RESULT "
# The number suffix of the copies (see bench/search_scale.py).
COPY_SUFFIX = re.compile(r"-BS\d+$")
# Scales up to this many copies are written through ``backend.index`` (the write rate); the
# copies beyond are written inside the database (``search_scale.replicate``).
PYTHON_COPIES = 10


# -- parent: one child per database, then the report ---------------------------------------------


def parent(args) -> int:
    results = []
    largest = max(int(scale) for scale in args.scales.split(","))
    refusals = [
        f"{database}: {largest}x refused before starting: {refused}"
        for database in args.databases.split(",")
        if (refused := _no_room(args.corpus, database, largest))
    ]
    if refusals:
        print("\n".join(refusals), file=sys.stderr)
        return 2
    for database in args.databases.split(","):
        env = dict(os.environ)
        if database == "sqlite":
            env.pop("DATABASE_URL", None)
        elif database == "postgres":
            env["DATABASE_URL"] = args.postgres_url
        else:
            print(f"unknown database {database!r}", file=sys.stderr)
            return 2
        command = [sys.executable, __file__, "--child", "--scales", args.scales]
        command += ["--repeat", str(args.repeat), "--corpus", str(args.corpus)]
        command += ["--reserve-gb", str(args.reserve_gb)]
        print(f"== {database} ==", file=sys.stderr, flush=True)
        run = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=False)
        lines = [line for line in run.stdout.splitlines() if line.startswith(MARKER)]
        if run.returncode != 0 or not lines:
            print(f"{database}: benchmark failed (exit {run.returncode})", file=sys.stderr)
            if database == "postgres" and not lines:
                continue  # PostgreSQL not reachable here: report SQLite alone
            return 1
        results.append(json.loads(lines[-1][len(MARKER) :]))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(report(results))
    return 0


def _no_room(corpus: Path, database: str, scale: int) -> str | None:
    """Why ``scale`` copies of the corpus's index would not fit on the disk (estimated from
    the compressed corpus's size; the child checks again with the measured 1x index)."""
    if scale <= 1:
        return None
    files = [corpus] if corpus.is_file() else [*corpus.glob("*.jsonl"), *corpus.glob("*.jsonl.gz")]
    size = sum(f.stat().st_size for f in files)
    per_copy = size * search_scale.INDEX_PER_CORPUS_BYTE.get(database, 10.0) / 2**20
    path = tempfile.gettempdir() if database == "sqlite" else "/"
    return search_scale.room_for(per_copy, scale - 1, path)


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _memory(memory: dict | None) -> str:
    if not memory:
        return "—"
    cells = [f"{part['peak_mb']:.0f}" for part in memory.values() if part]
    return " / ".join(cells) or "—"


def _size(size: dict | None) -> str:
    if not size:
        return "—"
    if size.get("index_mb") is None:
        return f"{size['database_mb']:.0f} (database)"
    return f"{size['index_mb']:.0f}"


def _built(scale: str, build: dict) -> str:
    """How the index of one scale was built, and how long it took."""
    if scale == "1":
        return f"rebuild {build['seconds']:.1f} s"
    if build.get("method"):
        return (
            f"copies {build['copies']} in the database {build['seconds']:.1f} s (copy "
            f"{build['copy_s']:.1f}, indexes {build['indexes_s']:.1f}, optimize "
            f"{build['optimize_s']:.1f})"
        )
    return f"written {build['seconds']:.1f} s"


def growth(scales: dict) -> str:
    """A reading of how p95 (and memory, index size) grow from one scale to the next."""
    measured = [(int(k), v) for k, v in scales.items() if "queries" in v]
    measured.sort(key=lambda item: item[0])
    parts = []
    for (low, a), (high, b) in itertools.pairwise(measured):
        factor = high / low
        p95 = b["queries"]["p95"] / a["queries"]["p95"] if a["queries"]["p95"] else 0
        text = f"p95 {high}x/{low}x = {p95:.1f} for {factor:g} times the documents"
        sizes = [(s.get("size") or {}).get("index_mb") for s in (a, b)]
        if all(sizes):
            text += f", index {sizes[1] / sizes[0]:.1f} times"
        peaks = [((s["queries"].get("memory") or {}).get("bench") or {}) for s in (a, b)]
        if all(peak.get("peak_mb") for peak in peaks):
            text += f", bench peak RSS {peaks[1]['peak_mb'] / peaks[0]['peak_mb']:.1f} times"
        if p95 > 0 and factor > 1:
            text += f" (p95 grows as documents^{math.log(p95) / math.log(factor):.2f})"
        parts.append(text)
    return "; ".join(parts) or "one scale only"


def report(results: list[dict]) -> str:
    if not results:
        return "No results."
    lines = []
    first = results[0]
    lines.append(f"Machine: {first['machine']}. Corpus: {first['corpus']}.")
    lines.append("")
    lines.append("| database | import (docs/s) | index build 1x | index build 10x (write) |")
    lines.append("|---|---|---|---|")
    for r in results:
        build = r["scales"]["1"]["build"]
        ten = r["scales"].get("10", {}).get("build")
        lines.append(
            f"| {r['database']} | {r['import']['documents']} docs in "
            f"{r['import']['seconds']:.0f} s ({r['import']['rate']:.0f}/s) | "
            f"{build['documents']} docs, {build['articles']} "
            f"articles in {build['seconds']:.1f} s ({build['documents_per_s']:.0f} docs/s, "
            f"{build['articles_per_s']:.0f} articles/s; reading and preparing the pages "
            f"alone {build['prepare_s']:.1f} s) | "
            + (
                f"{ten['documents']} docs in {ten['seconds']:.0f} s "
                f"({ten['documents_per_s']:.0f} docs/s, {ten['articles_per_s']:.0f} articles/s)"
                if ten
                else "—"
            )
            + " |"
        )
    lines.append("")
    lines.append(
        "| database | scale | queries | p50 ms | p95 ms | p99 ms | max ms | judged in top 3 "
        "| peak RSS MB (bench / server) | index MB | index built |"
    )
    lines.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        for scale, data in r["scales"].items():
            if "refused" in data:
                lines.append(f"| {r['database']} | {scale}x | refused: {data['refused']} |")
                continue
            q = data["queries"]
            lines.append(
                f"| {r['database']} | {scale}x | {q['count']} x {q['repeat']} | {_ms(q['p50'])} | "
                f"{_ms(q['p95'])} | {_ms(q['p99'])} | {_ms(q['max'])} | "
                f"{q['judged_ok']}/{q['judged']} | {_memory(q.get('memory'))} | "
                f"{_size(data.get('size'))} | {_built(scale, data['build'])} |"
            )
    for r in results:
        lines.append("")
        lines.append(f"How cost grows ({r['database']}): {growth(r['scales'])}")
    for r in results:
        for scale, data in r["scales"].items():
            errors = data.get("queries", {}).get("errors") or []
            if errors:
                shown = "; ".join(f"{e['query']} -> {e['status']}" for e in errors[:5])
                lines.append("")
                lines.append(f"Failed requests ({r['database']}, {scale}x): {shown}")
    lines.append("")
    lines.append("By kind of query (1x, p50 / p95 ms):")
    lines.append("")
    kinds = list(first["scales"]["1"]["queries"]["by_kind"])
    lines.append("| database | " + " | ".join(kinds) + " |")
    lines.append("|---|" + "---|" * len(kinds))
    for r in results:
        by_kind = r["scales"]["1"]["queries"]["by_kind"]
        cells = [f"{_ms(by_kind[k]['p50'])} / {_ms(by_kind[k]['p95'])}" for k in kinds]
        lines.append(f"| {r['database']} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Where the time goes (one profiled pass, share of the API request):")
    lines.append("")
    parts = list(first["scales"]["1"]["breakdown"])
    lines.append("| database | scale | " + " | ".join(parts) + " |")
    lines.append("|---|---|" + "---|" * len(parts))
    for r in results:
        for scale, data in r["scales"].items():
            if data.get("breakdown"):
                cells = [f"{data['breakdown'][p]:.0%}" for p in parts]
                lines.append(f"| {r['database']} | {scale}x | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "Wagtail's database search backend and the FTS5 floor (1x, diacritic-free queries):"
    )
    lines.append("")
    lines.append("| engine | index build | p50 ms | p95 ms | right doc in top 3 |")
    lines.append("|---|---|---|---|---|")
    for r in results:
        w = r["wagtail"]
        ours = r["scales"]["1"]["queries"]["diacritic_free"]
        lines.append(
            f"| ours, {r['database']} (API path) | — | {_ms(ours['p50'])} | {_ms(ours['p95'])} | "
            f"{ours['judged_ok']}/{ours['judged']} |"
        )
        lines.append(
            f"| Wagtail database backend, {r['database']} | {w['index_s']:.0f} s | "
            f"{_ms(w['p50'])} | {_ms(w['p95'])} | {w['judged_ok']}/{w['judged']} |"
        )
        if w.get("failures"):
            lines.append(
                f"| (Wagtail errors: {len(w['failures'])}, e.g. {w['failures'][0]}) | | | | |"
            )
        ratio = w["p95"] / ours["p95"] if ours["p95"] else 0
        lines.append(f"| (ours faster at p95: {ratio:.0f}x) | | | | |")
        floor = r.get("fts5_floor")
        if floor:
            lines.append(
                f"| bare FTS5 phrase query (floor) | {floor['index_s']:.0f} s | "
                f"{_ms(floor['p50'])} | {_ms(floor['p95'])} | — |"
            )
    return "\n".join(lines)


# -- child: the measurements on one database ------------------------------------------------------


def child(args) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="ldt-bench-search-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["MEDIA_ROOT"] = str(scratch / "media")
    os.environ["PRIVATE_MEDIA_ROOT"] = str(scratch / "private")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, connections

    settings.DEBUG = False  # no query log
    settings.ALLOWED_HOSTS = ["*"]
    settings.ROOT_URLCONF = "tests.search.urls"  # config.urls plus search.urls if not included
    original = settings.DATABASES["default"]["NAME"]
    try:
        db = settings.DATABASES["default"]
        if connection.vendor == "postgresql":
            db.setdefault("TEST", {})["NAME"] = f"bench_{db['NAME']}"
        else:
            db.setdefault("TEST", {})["NAME"] = str(scratch / "bench.sqlite3")
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        result = Bench(args, scratch).run()
        print(MARKER + json.dumps(result, ensure_ascii=False), flush=True)
        return 0
    finally:
        connections.close_all()
        if connection.settings_dict["NAME"] != original:
            connection.creation.destroy_test_db(original, verbosity=0)
        shutil.rmtree(scratch, ignore_errors=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(values: list[float]) -> dict:
    return {
        "p50": percentile(values, 0.50),
        "p95": percentile(values, 0.95),
        "p99": percentile(values, 0.99),
        "max": max(values, default=0.0),
        "mean": statistics.fmean(values) if values else 0.0,
    }


@dataclasses.dataclass
class Query:
    kind: str
    params: dict
    expected: str | None = None  # the number of the document that must be in the top 3


class Bench:
    def __init__(self, args, scratch: Path):
        self.args = args
        self.scratch = scratch

    def log(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    def run(self) -> dict:
        from django.db import connection

        result = {
            "database": f"{connection.vendor} {self._version()}",
            "machine": machine(),
            "corpus": "",
        }
        self._site()
        result["import"] = self._import()
        result["corpus"] = (
            f"{result['import']['records']} records in {self.args.corpus}, "
            f"{result['import']['documents']} documents imported"
        )
        queries = self._queries()
        result["queries"] = [dataclasses.asdict(q) for q in queries]
        result["scales"] = {}
        records, build = self._build()
        result["scales"]["1"] = {
            "build": build,
            "queries": self._run_queries(queries, scale=1),
            "breakdown": self._breakdown(queries),
        }
        result["wagtail"] = self._wagtail(queries)
        if connection.vendor == "sqlite":
            result["fts5_floor"] = self._fts5_floor(records, queries)
        result["scales"]["1"]["size"] = search_scale.index_size()
        copies = 1
        for scale in sorted({int(s) for s in self.args.scales.split(",")} - {1}):
            size = result["scales"]["1"]["size"]
            refused = search_scale.room_for(
                size["index_mb"] or size["database_mb"],
                scale - copies,
                search_scale.data_directory(),
            )
            if refused:
                self.log(f"{scale}x refused: {refused}")
                result["scales"][str(scale)] = {"refused": refused}
                break
            if scale <= PYTHON_COPIES:
                build = self._build_copies(records, copies=scale)
            else:
                build = self._replicate(records, copies, scale)
            copies = scale
            result["scales"][str(scale)] = {
                "build": build,
                "size": search_scale.index_size(),
                "queries": self._run_queries(queries, scale=scale),
                "breakdown": self._breakdown(queries),
            }
        return result

    @staticmethod
    def _version() -> str:
        from django.db import connection

        if connection.vendor == "sqlite":
            return sqlite3.sqlite_version
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0].split()[0]

    def _site(self) -> None:
        from wagtail.models import Page, Site

        from cms.models import DocumentIndexPage, HomePage

        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu-bench"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
        home.add_child(instance=DocumentIndexPage(title="Văn bản", slug="van-ban"))

    def _import(self) -> dict:
        from django.core.management import call_command

        from cms.models import LegalDocumentPage

        self.log("importing the corpus…")
        out = io.StringIO()
        started = time.perf_counter()
        call_command("import_documents", str(self.args.corpus), "--no-index", stdout=out)
        seconds = time.perf_counter() - started
        first = out.getvalue().splitlines()[0]
        records = int(first.split(" records")[0].split()[-1])
        documents = LegalDocumentPage.objects.live().count()
        self.log(first)
        return {
            "records": records,
            "documents": documents,
            "seconds": seconds,
            "rate": records / seconds,
            "summary": first,
        }

    def _build(self):
        """The full rebuild, as ``manage.py search_reindex`` runs it; then the records alone
        (reading and preparing the pages: the copies at 10x and the floor reuse them)."""
        from search.index_records import indexable_documents, records_for
        from search.rebuild import rebuild_index

        self.log("building the index…")
        rebuilt = rebuild_index()
        started = time.perf_counter()
        records = list(records_for(indexable_documents()))
        build = {
            "documents": rebuilt.documents,
            "articles": rebuilt.articles,
            "seconds": rebuilt.seconds,
            "prepare_s": time.perf_counter() - started,
            "documents_per_s": rebuilt.documents_per_s,
            "articles_per_s": rebuilt.articles_per_s,
        }
        self.log(f"index: {build}")
        return records, build

    def _build_copies(self, records, copies: int) -> dict:
        """The index rebuilt with ``copies`` copies of every record (distinct ids and numbers)."""
        from search.backends import get_backend

        self.log(f"building the index at {copies}x…")
        backend = get_backend()
        offset = search_scale.page_offset(max(r.page_id for r in records))
        started = time.perf_counter()
        backend.clear()
        written = articles = 0
        for copy in range(1, copies + 1):
            batch = []
            for record in records:
                if copy > 1:
                    record = search_scale.copy_record(record, copy, offset)
                batch.append(record)
                if len(batch) == 500:
                    backend.index(batch)
                    written += len(batch)
                    articles += sum(len(r.articles) for r in batch)
                    batch = []
            if batch:
                backend.index(batch)
                written += len(batch)
                articles += sum(len(r.articles) for r in batch)
            self.log(f"  copy {copy}: {written} documents, {time.perf_counter() - started:.0f} s")
        backend.optimize()
        seconds = time.perf_counter() - started
        return {
            "documents": written,
            "articles": articles,
            "seconds": seconds,
            "documents_per_s": written / seconds,
            "articles_per_s": articles / seconds,
        }

    def _replicate(self, records, copies: int, scale: int) -> dict:
        """Copies ``copies + 1`` … ``scale`` of every original index row written inside the
        database (``search_scale.replicate``), then ``backend.optimize()``."""
        from search.backends import get_backend

        self.log(f"copying the index inside the database up to {scale}x…")
        offset = search_scale.page_offset(max(r.page_id for r in records))
        copied = search_scale.replicate(get_backend(), offset, copies + 1, scale, self.log)
        documents = len(records) * scale
        articles = sum(len(r.articles) for r in records) * scale
        self.log(f"  {copied}")
        return {
            **copied,
            "method": "INSERT … SELECT",
            "documents": documents,
            "articles": articles,
            "documents_per_s": len(records) * (scale - copies) / copied["seconds"],
            "articles_per_s": articles / scale * (scale - copies) / copied["seconds"],
        }

    # -- the query mix ----------------------------------------------------------------------

    def _queries(self) -> list[Query]:
        from cms.models import DocumentType, IssuingBody, LegalDocumentPage, Sector
        from cms.text import fold

        documents = list(
            LegalDocumentPage.objects.live()
            .order_by("number_key", "pk")
            .values_list("number", "title")
        )
        titles = [title for _, title in documents]
        unique = [
            (number, title)
            for number, title in documents
            if titles.count(title) == 1 and 4 <= len(title.split()) <= 40 and not title.isupper()
        ]
        step = max(1, len(unique) // 40)
        sample = unique[::step][:40]

        def tail(words: list[str], count: int = 6) -> str:
            return " ".join(words[-count:])

        queries: list[Query] = []
        for number, title in sample[:20]:
            queries.append(Query("diacritic-free", {"q": tail(fold(title).split())}, number))
        for number, title in sample[:10]:
            queries.append(Query("diacritics", {"q": tail(title.lower().split())}, number))
        for number, title in sample[20:28]:
            words = title.lower().split()
            middle = max(0, len(words) // 2 - 2)
            queries.append(
                Query("phrase", {"q": '"' + " ".join(words[middle : middle + 4]) + '"'}, number)
            )
        for position, (number, _) in enumerate(sample[28:36]):
            variants = [
                number,
                number.lower(),
                number.replace("Đ", "D").replace("đ", "d"),
                number.replace("/", " / "),
                number.replace("-", "–"),
                fold(number).upper(),
                number.lstrip("0") or number,
                f"số {number}",
            ]
            queries.append(Query("number", {"q": variants[position]}, number))
        kinds = {t.name: t.pk for t in DocumentType.objects.all()}
        bodies = {b.name: b.pk for b in IssuingBody.objects.all()}
        sector = Sector.objects.order_by("name").values_list("slug", flat=True).first()
        filtered = [
            {"q": "thue thu nhap", "type": kinds.get("Thông tư")},
            {"q": "bảo hiểm xã hội", "year_from": 2010, "year_to": 2020},
            {"q": "giao duc", "issuer": bodies.get("Quốc hội")},
            {"q": "đất đai", "validity": "in_force"},
            {"q": "chu ky so", "sort": "newest"},
            {"q": "quy dinh", "sector": sector},
            {"q": "lao dong", "type": kinds.get("Nghị định"), "sort": "oldest"},
            {"q": "an toàn thực phẩm", "type": kinds.get("Luật"), "page": 2, "page_size": 5},
        ]
        for params in filtered:
            queries.append(Query("filtered", {k: v for k, v in params.items() if v is not None}))
        for q in ("chu ky so van ban dien tu", "thanh nien", "bảo hiểm y tế", "xu phat hanh chinh"):
            queries.append(Query("topic", {"q": q}))
        return queries

    def _run_queries(self, queries: list[Query], *, scale: int) -> dict:
        from django.test import Client

        from config.wsgi import settle

        self.log(f"queries at {scale}x…")
        settle()  # as the production WSGI application does once loaded
        client = Client()
        server = search_scale.backend_pid()
        reset = search_scale.reset_peak()
        server_reset = server is not None and search_scale.reset_peak(server)
        for query in queries:  # warm-up (caches, first compilation of statements)
            client.get("/api/search/", query.params)
        latencies: list[float] = []
        by_kind: dict[str, list[float]] = {}
        judged = judged_ok = 0
        diacritic_free: list[float] = []
        diacritic_free_ok = diacritic_free_judged = 0
        misses = []
        errors: list[dict] = []
        for round_ in range(self.args.repeat):
            for query in queries:
                started = time.perf_counter()
                response = client.get("/api/search/", query.params)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    errors.append({"query": query.params, "status": response.status_code})
                    continue
                latencies.append(elapsed)
                by_kind.setdefault(query.kind, []).append(elapsed)
                if query.kind == "diacritic-free":
                    diacritic_free.append(elapsed)
                if round_ == 0 and query.expected:
                    numbers = self._top_documents(client, query, scale)
                    ok = query.expected in numbers
                    judged += 1
                    judged_ok += ok
                    if query.kind == "diacritic-free":
                        diacritic_free_judged += 1
                        diacritic_free_ok += ok
                    if not ok:
                        misses.append(
                            {"query": query.params, "expected": query.expected, "top3": numbers}
                        )
        memory = {"bench": search_scale.memory(reset=reset)}
        if server is not None:
            memory["server"] = search_scale.memory(server, reset=server_reset)
        return {
            "memory": memory,
            "count": len(queries),
            "repeat": self.args.repeat,
            **summary(latencies),
            "judged": judged,
            "judged_ok": judged_ok,
            "misses": misses,
            "errors": errors[: len(queries)],
            "by_kind": {kind: summary(values) for kind, values in by_kind.items()},
            "diacritic_free": {
                **summary(diacritic_free),
                "judged": diacritic_free_judged,
                "judged_ok": diacritic_free_ok,
            },
        }

    @staticmethod
    def _top_documents(client, query: Query, scale: int) -> list[str]:
        """Numbers of the first three distinct documents of ``query`` (untimed). At ``scale``
        copies a document's copies (same text, numbers "…-BS2"…) count as the document; as
        the copies of one document rank together, the first hits may all be one document's
        (30 hits at 10x, 300 at 100x): pages of hits are read until three distinct documents
        are found, at most ``3 * scale`` hits (a window widened with the scale). Reading stops
        at the judged document once found (fewer numbers then: each page is a whole search,
        seconds at 100x on a slow engine)."""
        from search.forms import MAX_PAGE_SIZE

        window = max(3 * scale, 3)
        size = min(window, MAX_PAGE_SIZE)
        numbers: list[str] = []
        page = 1
        while len(numbers) < 3 and query.expected not in numbers and (page - 1) * size < window:
            hits = client.get("/api/search/", {**query.params, "page_size": size, "page": page})
            hits = hits.json()["hits"]
            for hit in hits:
                number = COPY_SUFFIX.sub("", hit["number"])
                if number not in numbers:
                    numbers.append(number)
            if len(hits) < size:
                break
            page += 1
        return numbers[:3]

    def _breakdown(self, queries: list[Query]) -> dict:
        """One profiled pass: shares of the API request spent in each part."""
        from django.test import Client

        client = Client()
        profile = cProfile.Profile()
        profile.enable()
        for query in queries:
            client.get("/api/search/", query.params)
        profile.disable()
        stats = pstats.Stats(profile).stats

        def cumulative(predicate) -> float:
            # Outermost matching calls only: a function's cumtime includes recursive calls.
            return sum(
                entry[3]
                for (filename, _, name), entry in stats.items()
                if predicate(filename.replace(os.sep, "/"), name)
            )

        total = cumulative(lambda f, n: f.endswith("search/api.py") and n == "search_api")
        backend = cumulative(lambda f, n: f.endswith("search/api.py") and n == "run_search")
        # select() reads the pending signals of its rescoring window: engine time.
        facets = cumulative(
            lambda f, n: f.endswith("search/backends/ranking.py") and n == "select"
        ) - cumulative(lambda f, n: f.endswith("search/backends/ranking.py") and n == "resolve")
        highlight = cumulative(
            lambda f, n: f.endswith("search/backends/hits.py") and n == "build_hits"
        ) + cumulative(lambda f, n: "search/backends/" in f and n == "_units")
        serialise = cumulative(
            lambda f, n: f.endswith("search/api.py") and n == "results_json"
        ) + cumulative(lambda f, n: f.endswith("django/http/response.py") and n == "__init__")
        form = cumulative(lambda f, n: f.endswith("search/forms.py") and n == "full_clean")
        match = max(backend - facets - highlight, 0.0)
        other = max(total - backend - serialise - form, 0.0)
        if not total:
            return {}
        return {
            "match (engine, ranking signals)": match / total,
            "filters, facets, sort": facets / total,
            "highlights and articles": highlight / total,
            "JSON": serialise / total,
            "parameters and query parsing": form / total,
            "Django (middleware, routing)": other / total,
        }

    # -- the others -------------------------------------------------------------------------

    def _wagtail(self, queries: list[Query]) -> dict:
        from wagtail.search.backends import get_search_backend

        from cms.models import LegalDocumentPage

        self.log("Wagtail database backend: indexing…")
        backend = get_search_backend()
        ids = list(LegalDocumentPage.objects.live().order_by("pk").values_list("pk", flat=True))
        started = time.perf_counter()
        for start in range(0, len(ids), 200):
            pages = list(LegalDocumentPage.objects.filter(pk__in=ids[start : start + 200]))
            backend.add_bulk(LegalDocumentPage, pages)
        index_s = time.perf_counter() - started
        self.log(f"  {index_s:.0f} s; queries…")
        latencies = []
        judged = ok = 0
        failures: list[str] = []
        free = [q for q in queries if q.kind == "diacritic-free"]
        for round_ in range(max(1, min(self.args.repeat, 2))):
            for query in free:
                started = time.perf_counter()
                try:
                    top = list(backend.search(query.params["q"], LegalDocumentPage)[:3])
                except Exception as exc:  # Wagtail passes some input to the engine as syntax
                    failures.append(f"{query.params['q']!r}: {type(exc).__name__}: {exc}")
                    top = []
                latencies.append((time.perf_counter() - started) * 1000)
                if round_ == 0:
                    judged += 1
                    ok += any(page.number == query.expected for page in top)
        return {
            "backend": f"{type(backend).__module__}.{type(backend).__name__}",
            "index_s": index_s,
            **summary(latencies),
            "judged": judged,
            "judged_ok": ok,
            "failures": failures,
        }

    def _fts5_floor(self, records, queries: list[Query]) -> dict:
        """A bare FTS5 phrase query over the same folded text, in a separate SQLite file."""
        from cms.text import fold

        self.log("FTS5 floor…")
        path = self.scratch / "floor.sqlite3"
        database = sqlite3.connect(path)
        database.execute(
            "CREATE VIRTUAL TABLE floor USING fts5(body, tokenize='unicode61 remove_diacritics 0')"
        )
        started = time.perf_counter()
        database.executemany(
            "INSERT INTO floor(rowid, body) VALUES (?, ?)",
            (
                (
                    r.page_id,
                    fold(
                        "\n".join(
                            [r.number, r.title, r.summary, r.text]
                            + [f"{a.heading}\n{a.text}" for a in r.articles]
                        )
                    ),
                )
                for r in records
            ),
        )
        database.commit()
        index_s = time.perf_counter() - started
        latencies = []
        free = [q for q in queries if q.kind == "diacritic-free"]
        for _ in range(self.args.repeat):
            for query in free:
                phrase = '"' + query.params["q"].replace('"', "") + '"'
                started = time.perf_counter()
                database.execute(
                    "SELECT rowid FROM floor WHERE floor MATCH ? LIMIT 20", [phrase]
                ).fetchall()
                latencies.append((time.perf_counter() - started) * 1000)
        database.close()
        return {"index_s": index_s, **summary(latencies)}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPU ({cpu}), Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/ldt_bench"
        ),
    )
    parser.add_argument(
        "--scales",
        default="1,10",
        help="copies of the corpus, e.g. 1,10,100 (1 always; up to 10 written by the "
        "backend, beyond copied inside the database)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed passes over the queries")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", help="also write the results to this JSON file")
    parser.add_argument(
        "--reserve-gb",
        type=float,
        default=search_scale.RESERVE / 2**30,
        help="disk space the copies must leave free (GB)",
    )
    args = parser.parse_args()
    search_scale.RESERVE = int(args.reserve_gb * 2**30)
    return child(args) if args.child else parent(args)


if __name__ == "__main__":
    sys.exit(main())
