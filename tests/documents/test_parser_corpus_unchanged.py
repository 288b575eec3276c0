"""Every real DOCX of the shared corpus reads and parses exactly as before the bounded reader,
and stays far inside its limits.

``corpus_docx_reference.json`` was first written by the python-docx reader this one replaced (main
at 04f3477): per file, the reader's lines and tables and the parse result, counted and hashed.
When a parser change is checked to improve the parse of these files (say which and how in the
commit), rewrite it with ``python -m tests.documents.test_parser_corpus_unchanged``.
"""

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from documents.parsing import parse_docx
from documents.parsing.docx import read_blocks
from documents.parsing.limits import DEFAULT_LIMITS, Budget
from documents.parsing.model import Table

CORPUS = Path(os.environ.get("LEGAL_CORPUS_DIR", "/work/shared/corpus"))
REFERENCE_FILE = Path(__file__).with_name("corpus_docx_reference.json")
REFERENCE = json.loads(REFERENCE_FILE.read_text())
MARGIN = 5  # every real file uses at most a fifth of any limit

pytestmark = pytest.mark.skipif(
    not (CORPUS / "docx").exists(), reason=f"corpus not found: {CORPUS}"
)


def digest(value) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def test_the_reference_covers_both_corpus_folders():
    files = {
        f"{folder}/{path.name}"
        for folder in ("docx", "docx-2025-2026")
        for path in (CORPUS / folder).glob("*.docx")
    }
    assert files == set(REFERENCE) and len(files) == 33


def measure(path: Path, budget: Budget) -> dict:
    """What the reference holds for one file: counts and hashes of its blocks and parse."""
    blocks = read_blocks(path, budget=budget)
    parsed = parse_docx(path)
    lines = [block for block in blocks if isinstance(block, str)]
    return {
        "lines": len(lines),
        "tables": sum(isinstance(block, Table) for block in blocks),
        "characters": sum(map(len, lines)),
        "articles": len(parsed.articles()),
        "blocks_sha256": digest(
            [b if isinstance(b, str) else [list(r) for r in b.rows] for b in blocks]
        ),
        "parsed_sha256": digest(parsed.to_dict()),
    }


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_real_docx_reads_and_parses_as_before(name):
    path = CORPUS / name
    budget = Budget(DEFAULT_LIMITS)
    assert measure(path, budget) == REFERENCE[name]
    # Far inside every limit (the figures are in docs/documents.md).
    limits = DEFAULT_LIMITS
    assert budget.paragraphs * MARGIN <= limits.paragraphs
    assert budget.characters * MARGIN <= limits.characters
    assert budget.tags * MARGIN <= limits.tags
    with zipfile.ZipFile(path) as archive:
        xml = archive.getinfo("word/document.xml").file_size
    assert xml * MARGIN <= limits.xml_bytes and xml * MARGIN <= limits.held_bytes


if __name__ == "__main__":  # rewrite the reference (see the module's docstring)
    reference = {name: measure(CORPUS / name, Budget(DEFAULT_LIMITS)) for name in sorted(REFERENCE)}
    REFERENCE_FILE.write_text(json.dumps(reference, ensure_ascii=False, indent=1, sort_keys=True))
