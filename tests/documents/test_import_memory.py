"""Peak memory and time of an import, measured on a process of its own
(tests/documents/import_probe.py) for the worst files the 20 MB upload cap lets through.

Each file is refused or previewed within the time budget, below 300 MB peak RSS (an idle
Django process of this project is about 120 MB of it), and a refused one leaves nothing stored.
"""

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from documents.parsing.limits import DEFAULT_LIMITS, MB
from tests.documents import crafted

PROBE = Path(__file__).with_name("import_probe.py")
UPLOAD_CAP = 20 * MB  # DOSSIER_MAX_UPLOAD_SIZE
PEAK_RSS = 300 * MB
SLACK = 2.0  # seconds past the budget for the last chunk read and the answer


def fill_to_the_cap(build) -> bytes:
    """The file ``build(padding)`` makes, padded with incompressible bytes to just under the
    upload cap (a larger upload is refused before it is opened)."""
    data = build(0)
    return build(UPLOAD_CAP - len(data) - 64 * 1024)


def tiny_at_the_size_limit(padding: int) -> bytes:
    """As much XML as the limit allows, all tiny paragraphs (over the paragraph limit)."""
    pieces = crafted.until(DEFAULT_LIMITS.xml_bytes - 1024, lambda: crafted.tiny_paragraphs(10**7))
    return crafted.docx(pieces, padding=padding)


def one_huge_paragraph(padding: int) -> bytes:
    """As much XML as the limit allows in a single paragraph of tiny runs."""
    runs = crafted.until(DEFAULT_LIMITS.xml_bytes - 1024, crafted.tiny_runs)
    return crafted.docx([b"<w:p>", *runs, b"</w:p>"], padding=padding)


def largest_accepted(padding: int) -> bytes:
    """Just inside every limit: the most lines and text a preview may be built from."""
    lines = DEFAULT_LIMITS.paragraphs - 10
    width = DEFAULT_LIMITS.characters // lines - 2
    return crafted.docx(crafted.legal_paragraphs(lines, width), padding=padding)


@functools.cache
def million_paragraphs() -> bytes:
    """The reported file: 84 MB of XML in a 6 MB upload."""
    return crafted.docx(crafted.tiny_paragraphs(1_000_000))


def lying() -> bytes:
    """The million-paragraph file whose zip directory claims a size inside the limit."""
    return crafted.claim_size(million_paragraphs(), "word/document.xml", DEFAULT_LIMITS.xml_bytes)


FILES = {
    "million-paragraphs": million_paragraphs,
    "tiny-paragraphs-at-the-size-limit": lambda: fill_to_the_cap(tiny_at_the_size_limit),
    "one-huge-paragraph": lambda: fill_to_the_cap(one_huge_paragraph),
    "lying-zip-header": lying,
    "largest-accepted": lambda: fill_to_the_cap(largest_accepted),
}
REFUSED_WITH = {
    "million-paragraphs": "vượt giới hạn 32 MB",
    "tiny-paragraphs-at-the-size-limit": "đoạn, dòng và hàng của bảng",
    "one-huge-paragraph": "một đoạn văn hoặc một hàng của bảng lớn hơn",
    "lying-zip-header": "đoạn, dòng và hàng của bảng",
    "largest-accepted": None,
}


def probe(path: Path) -> tuple[dict, int]:
    """The probe's outcome and its peak resident memory in bytes."""
    result = subprocess.run(
        [sys.executable, str(PROBE), str(path)],
        capture_output=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    outcome = json.loads(result.stdout)
    return outcome, outcome["peak_rss"]


@pytest.mark.parametrize("name", list(FILES))
def test_import_memory_and_time_are_bounded(name, tmp_path):
    data = FILES[name]()
    assert len(data) <= UPLOAD_CAP
    path = tmp_path / f"{name}.docx"
    path.write_bytes(data)
    del data
    outcome, peak = probe(path)
    assert peak < PEAK_RSS, f"{name}: peak RSS {peak / MB:.0f} MB"
    assert outcome["seconds"] < DEFAULT_LIMITS.seconds + SLACK, outcome
    if name == "million-paragraphs":  # refused from the zip directory, before unpacking
        assert outcome["seconds"] < 1.0, outcome
    expected = REFUSED_WITH[name]
    if outcome["refused"] and "mất quá" in outcome["refused"]:
        # A slow machine may reach the time budget first: refused all the same, in time.
        expected = "mất quá"
    if expected is None:
        assert outcome["refused"] is None, outcome
        assert outcome["page_bytes"] < 200_000 and len(outcome["stored"]) == 1
    else:
        assert expected in outcome["refused"] and "Tệp chưa được lưu" in outcome["refused"]
        assert outcome["stored"] == []
