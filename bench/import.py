"""Import benchmark: ``manage.py import_documents`` on the shared corpus into a fresh SQLite.

    .venv/bin/python bench/import.py                      # this tree, the whole corpus
    .venv/bin/python bench/import.py --ref 988e4a3        # and that commit, alternately
    .venv/bin/python bench/import.py --runs 2 --limit 1000 --index

For each code tree (this one, and ``--ref``'s files extracted with ``git archive`` into a
temporary folder), a database is migrated and given the demo data (``load_demo``: the
document index page) once; each run copies it and imports the corpus files
(``../shared/corpus`` by default, or ``--corpus``; ``--limit`` keeps the first N lines of
each file) in a subprocess with ``config.settings.dev`` and DEBUG off (no query log), as the
other benchmarks. With several trees the runs alternate (before, after, before, ...), so
that both see the same load on a shared machine.

Prints, per run: the command's own figure (records, seconds of the import, documents/s), the
whole command's wall time, and the CPU seconds of the process and its workers (a figure the
load of other jobs changes less than the wall time). ``--index`` also lets the search index
catch up at the end (otherwise ``--no-index``).
"""

import argparse
import gzip
import os
import platform
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SUMMARY = re.compile(r"(\d+) records in ([\d.]+) s \(([\d.]+) documents/s\): (.*)")
SHIM = "from config.settings.dev import *  # noqa: F403\nDEBUG = False\n"


def _env(tmp: Path, database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(tmp / "shim"),
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "PRIVATE_MEDIA_ROOT": str(tmp / "private"),
    }


def _manage(tree: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=tree, env=env, capture_output=True, text=True, check=True
    )


def _tree(ref: str | None, tmp: Path) -> Path:
    if ref is None:
        return ROOT
    target = tmp / f"src-{ref}"
    target.mkdir()
    archive = subprocess.run(
        ["git", "archive", ref], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def _template(tree: Path, tmp: Path, name: str) -> Path:
    database = tmp / f"{name}.sqlite3"
    env = _env(tmp, database)
    _manage(tree, env, "migrate", "-v0")
    _manage(tree, env, "load_demo", "-v0")
    return database


def _corpus(files: list[Path], limit: int | None, tmp: Path) -> list[Path]:
    if limit is None:
        return files
    cut = []
    for path in files:
        target = tmp / f"first-{limit}-{path.name}"
        with gzip.open(path, "rb") as source, gzip.open(target, "wb") as out:
            for number, line in enumerate(source):
                if number >= limit:
                    break
                out.write(line)
        cut.append(target)
    return cut


def _run(tree: Path, template: Path, files: list[Path], tmp: Path, index: bool) -> dict:
    database = tmp / "run.sqlite3"
    shutil.copyfile(template, database)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    args = ["import_documents", *map(str, files)] + ([] if index else ["--no-index"])
    done = _manage(tree, _env(tmp, database), *args)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    match = SUMMARY.search(done.stdout)
    if match is None:
        raise SystemExit(f"no summary in the output:\n{done.stdout}\n{done.stderr}")
    with sqlite3.connect(database) as db:
        pages = db.execute("SELECT COUNT(*) FROM cms_legaldocumentpage").fetchone()[0]
    database.unlink()
    return {
        "records": int(match[1]),
        "seconds": float(match[2]),
        "rate": float(match[3]),
        "outcome": match[4],
        "wall": wall,
        "cpu": cpu,
        "pages": pages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", help="also run this commit (before/after)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--limit", type=int, help="first N lines of each file")
    parser.add_argument("--index", action="store_true", help="let the search index catch up")
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpus", help="folder of .jsonl.gz"
    )
    options = parser.parse_args()
    files = sorted(options.corpus.glob("*.jsonl.gz"))
    if not files:
        raise SystemExit(f"no .jsonl.gz in {options.corpus}")
    tmp = Path(tempfile.mkdtemp(prefix="ldt-bench-import-"))
    try:
        (tmp / "shim").mkdir()
        (tmp / "shim" / "bench_settings.py").write_text(SHIM)
        corpus = _corpus(files, options.limit, tmp)
        trees = [("after", None)] if options.ref is None else [("before", options.ref)]
        if options.ref is not None:
            trees.append(("after", None))
        prepared = []
        for label, ref in trees:
            tree = _tree(ref, tmp)
            prepared.append((label, ref or "this tree", tree, _template(tree, tmp, label)))
        print(
            f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
            f"load average {os.getloadavg()[0]:.1f}; files: {', '.join(f.name for f in corpus)}"
        )
        for run in range(1, options.runs + 1):
            for label, name, tree, template in prepared:
                r = _run(tree, template, corpus, tmp, options.index)
                print(
                    f"run {run} {label:6} ({name}): {r['records']} records in {r['seconds']:.1f} s "
                    f"= {r['rate']:.1f} documents/s; whole command {r['wall']:.1f} s, "
                    f"CPU {r['cpu']:.1f} s ({r['records'] / r['cpu']:.0f} records per CPU-s); "
                    f"{r['pages']} pages; {r['outcome']} "
                    f"(load {os.getloadavg()[0]:.1f})",
                    flush=True,
                )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
