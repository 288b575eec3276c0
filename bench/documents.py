"""DOCX benchmark: official export of a 100-article decision, and parsing it back.

    .venv/bin/python bench/documents.py            # N=20 timed runs of each step
    .venv/bin/python bench/documents.py --runs 50 --articles 200

Builds, on a throwaway SQLite database in a temporary folder (migrated from scratch, removed at
the end), an issued decision of ``--articles`` articles in 10 chapters, each article with 3
clauses and the second clause with 3 points; the page body comes from ``parse_text`` +
``page_content`` as an import would make it. Then times, after one warm-up run each:

- ``export_document(page)`` (the DOCX bytes in the official layout);
- ``parse_docx`` of that export;
- ``parse_text`` of the decision's source text (the same content as plain text).

Prints median and p95 in ms, and the sizes. Settings: ``config.settings.dev``, DEBUG off.
"""

import argparse
import io
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="ldt-bench-docs-"))
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("PRIVATE_MEDIA_ROOT", str(TMP / "private"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from documents.convert import page_content  # noqa: E402
from documents.export import export_document  # noqa: E402
from documents.parsing import parse_docx, parse_text  # noqa: E402
from tests import factories  # noqa: E402


def decision_text(articles: int, chapters: int = 10) -> str:
    lines = [
        "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG",
        "Số: 12/2026/QĐ-UBND",
        "Cao Bằng, ngày 01 tháng 12 năm 2026",
        "QUYẾT ĐỊNH",
        "Ban hành Quy chế quản lý văn bản quy phạm pháp luật",
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật;",
    ]
    per_chapter = max(1, articles // chapters)
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    for n in range(1, articles + 1):
        if (n - 1) % per_chapter == 0 and (n - 1) // per_chapter < len(roman):
            lines += [f"Chương {roman[(n - 1) // per_chapter]}", f"QUY ĐỊNH NHÓM {n}"]
        lines.append(f"Điều {n}. Trách nhiệm của cơ quan chủ trì số {n}")
        for k in range(1, 4):
            lines.append(
                f"{k}. Cơ quan chủ trì có trách nhiệm tổ chức thực hiện nội dung {k} của Điều {n}, "
                "bảo đảm đúng thời hạn, đúng thẩm quyền và công khai, minh bạch theo quy định."
            )
            if k == 2:
                for letter in "abc":
                    lines.append(
                        f"{letter}) Phối hợp với các sở, ngành có liên quan trong việc {letter};"
                    )
    return "\n".join(lines) + "\n"


def timed(fn, runs: int) -> tuple[list[float], object]:
    result = fn()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples, result


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f"{mem_kb / 1024 / 1024:.1f} GiB RAM"
    except OSError:
        ram = "? RAM"
    return f"`nproc` {os.cpu_count()}, {cpu}, {ram}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()
    settings.DEBUG = False
    try:
        call_command("migrate", verbosity=0)
        text = decision_text(args.articles)
        parsed = parse_text(text)
        content = page_content(parsed)
        blocks = content.blocks
        count = sum(1 for b in blocks if b["type"] == "article")
        assert count == args.articles, (count, content.doubts[:5])
        _home, index = factories.site_tree()
        page = factories.legal_document(
            index, slug="bench-quyet-dinh", number="629/QĐ-UBND", live=True, body=blocks
        )
        page.refresh_from_db()

        export_ms, data = timed(lambda: export_document(page), args.runs)
        parse_ms, reparsed = timed(lambda: parse_docx(io.BytesIO(data)), args.runs)
        text_ms, _ = timed(lambda: parse_text(text), args.runs)
        back = [i for i in reparsed.body if type(i).__name__ == "Article"]
        assert len(back) == args.articles, len(back)

        print(f"Machine: {machine()}")
        print(
            f"Decision: {args.articles} articles, {len(text.encode()):,} bytes of text, "
            f"DOCX export {len(data):,} bytes; N={args.runs} runs after one warm-up\n"
        )
        print("| step | median ms | p95 ms |")
        print("|---|---:|---:|")
        for name, samples in [
            ("`export_document(page)`", export_ms),
            ("`parse_docx` of the export", parse_ms),
            ("`parse_text` of the same text", text_ms),
        ]:
            print(f"| {name} | {statistics.median(samples):.1f} | {p95(samples):.1f} |")
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
