"""Official DOCX export of a legal document (Decree 30/2020/NĐ-CP Appendix I, see ``layout``).

``export_document(page)`` lays out whatever page object it is given: the views choose the
version (the latest revision in the admin, the live row on the portal). ``DocxBuilder`` holds
the building blocks (page setup, fonts for every script, borderless header and signature
tables, short rules) that the reports in ``documents.reports`` reuse.
"""

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.text import slugify
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from cms.text import exact_form, fold

from . import layout
from .layout import TextStyle

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Child order of w:pPr, w:tblPr and w:rPr (ECMA-376): Word refuses elements out of order.
_PPR_ORDER = _names(
    """
    pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers
    pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE
    autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents
    suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle
    rPr sectPr pPrChange
    """
)
_TBLPR_ORDER = _names(
    """
    tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc
    tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription
    """
)
_RPR_ORDER = _names(
    """
    rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint
    noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u
    effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath
    """
)
BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def _set_child(parent, tag: str, order: Sequence[str]):
    """The ``w:tag`` child of ``parent``, created at its schema position if missing."""
    existing = parent.find(qn(f"w:{tag}"))
    if existing is not None:
        return existing
    child = OxmlElement(f"w:{tag}")
    later = order[order.index(tag) + 1 :]
    for sibling in parent.iterchildren():
        if sibling.tag in {qn(f"w:{name}") for name in later}:
            sibling.addprevious(child)
            return child
    parent.append(child)
    return child


def set_fonts(rpr, name: str = layout.FONT_NAME) -> None:
    """Set the font for every script: python-docx's ``font.name`` sets only ascii (Latin).

    Vietnamese letters with stacked marks fall in ranges Word may treat as hAnsi or East-Asian;
    cs covers complex scripts. Theme attributes are removed: they would override the names.
    """
    fonts = _set_child(rpr, "rFonts", _RPR_ORDER)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def text_width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """A rough printed width of one line in Times New Roman, to size the short rules."""
    ems = 0.0
    for char in text:
        if char.isspace():
            ems += 0.25
        elif char.isupper():
            ems += 0.72 if bold else 0.68
        elif char.isalpha():
            ems += 0.5 if bold else 0.46
        elif char.isdigit():
            ems += 0.5
        else:
            ems += 0.33
    return ems * size_pt * 25.4 / 72


@dataclass(frozen=True)
class HeaderSpec:
    """The header block: issuing body (left) and national motto or Party name (right)."""

    parent_lines: Sequence[str]
    issuer_lines: Sequence[str]
    number_line: str
    place_date_line: str
    party: bool = False


@dataclass
class _Flow:
    """Where paragraphs go: the document body or a table cell (whose first paragraph exists)."""

    container: object
    fresh: list[Paragraph] = field(default_factory=list)

    def add(self) -> Paragraph:
        if self.fresh:
            return self.fresh.pop()
        return self.container.add_paragraph()


def cell_flow(cell: _Cell) -> _Flow:
    return _Flow(cell, [cell.paragraphs[0]])


class DocxBuilder:
    """A DOCX in the official layout, built paragraph by paragraph."""

    def __init__(self, *, landscape: bool = False, page_numbers: bool = True) -> None:
        self.document = Document()
        self.landscape = landscape
        self.body = _Flow(self.document)
        self._setup_section(page_numbers)
        self._setup_styles()

    # -- set-up --------------------------------------------------------------------------------

    @property
    def text_width_mm(self) -> float:
        width = layout.PAGE_HEIGHT_MM if self.landscape else layout.PAGE_WIDTH_MM
        return width - layout.MARGINS_MM["left"] - layout.MARGINS_MM["right"]

    @property
    def header_columns_mm(self) -> tuple[float, float]:
        if not self.landscape:
            return layout.HEADER_COLUMNS_MM
        # Landscape (tables): the same proportions over the wider text area.
        return (self.text_width_mm * 0.4, self.text_width_mm * 0.6)

    def _setup_section(self, page_numbers: bool) -> None:
        section = self.document.sections[0]
        if self.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = (
                Mm(layout.PAGE_HEIGHT_MM),
                Mm(layout.PAGE_WIDTH_MM),
            )
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width = Mm(layout.PAGE_WIDTH_MM)
            section.page_height = Mm(layout.PAGE_HEIGHT_MM)
        section.top_margin = Mm(layout.MARGINS_MM["top"])
        section.bottom_margin = Mm(layout.MARGINS_MM["bottom"])
        section.left_margin = Mm(layout.MARGINS_MM["left"])
        section.right_margin = Mm(layout.MARGINS_MM["right"])
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        if page_numbers:
            # PL I, I.7: numbered from 1, centred in the top margin, not shown on the first page.
            section.different_first_page_header_footer = True
            paragraph = section.header.paragraphs[0]
            paragraph.alignment = CENTER
            field_element = OxmlElement("w:fldSimple")
            field_element.set(qn("w:instr"), "PAGE")
            run = OxmlElement("w:r")
            rpr = OxmlElement("w:rPr")
            size = OxmlElement("w:sz")
            size.set(qn("w:val"), str(int(layout.style("page_number").size * 2)))
            rpr.append(size)
            run.append(rpr)
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field_element.append(run)
            paragraph._p.append(field_element)

    def _setup_styles(self) -> None:
        styles = self.document.styles
        # Document defaults: the python-docx template points them at theme fonts (Calibri).
        defaults = styles.element.find(qn("w:docDefaults"))
        default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_fonts(default_rpr)
        self._set_size_and_language(default_rpr, layout.BODY_SIZE)
        spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")

        normal = styles["Normal"]
        normal.font.name = layout.FONT_NAME
        normal.font.size = Pt(layout.BODY_SIZE)
        rpr = normal.element.get_or_add_rPr()
        set_fonts(rpr)
        self._set_size_and_language(rpr, layout.BODY_SIZE)
        fmt = normal.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        for name in ("Header", "Footer"):
            if name in [s.name for s in styles]:
                set_fonts(styles[name].element.get_or_add_rPr())
        props = self.document.core_properties
        props.language = layout.LANGUAGE
        props.author = ""
        props.comments = ""

    @staticmethod
    def _set_size_and_language(rpr, size_pt: float) -> None:
        for tag in ("sz", "szCs"):
            _set_child(rpr, tag, _RPR_ORDER).set(qn("w:val"), str(int(size_pt * 2)))
        lang = _set_child(rpr, "lang", _RPR_ORDER)
        lang.set(qn("w:val"), layout.LANGUAGE)
        lang.set(qn("w:eastAsia"), layout.LANGUAGE)
        lang.attrib.pop(qn("w:bidi"), None)

    # -- paragraphs ----------------------------------------------------------------------------

    def paragraph(
        self,
        runs: str | Iterable[tuple[str, TextStyle]],
        text_style: TextStyle | None = None,
        *,
        flow: _Flow | None = None,
        align=None,
        indent: bool = False,
        space_before: float = 0,
        space_after: float = 0,
        line_spacing: float = 1.0,
        keep_with_next: bool = False,
    ) -> Paragraph:
        """One paragraph of runs; ``runs`` may be a plain string shown in ``text_style``."""
        paragraph = (flow or self.body).add()
        if isinstance(runs, str):
            runs = [(runs, text_style or layout.style("body"))]
        for text, run_style in runs:
            add_run(paragraph, text, run_style)
        fmt = paragraph.paragraph_format
        if align is not None:
            paragraph.alignment = align
        if indent:
            fmt.first_line_indent = Cm(layout.FIRST_LINE_INDENT_CM)
        fmt.space_before = Pt(space_before)
        fmt.space_after = Pt(space_after)
        fmt.line_spacing = line_spacing
        if keep_with_next:
            fmt.keep_with_next = True
        return paragraph

    def body_paragraph(self, runs, text_style: TextStyle | None = None, **kwargs) -> Paragraph:
        """Body text: justified, first line indented, 6 pt between paragraphs (PL I, II.6.e)."""
        kwargs.setdefault("align", JUSTIFY)
        kwargs.setdefault("indent", True)
        kwargs.setdefault("space_after", layout.PARAGRAPH_SPACING_PT)
        kwargs.setdefault("line_spacing", layout.LINE_SPACING)
        return self.paragraph(runs, text_style, **kwargs)

    def centred(self, text: str, element: str, **kwargs) -> Paragraph:
        kwargs.setdefault("align", CENTER)
        return self.paragraph(text, layout.style(element), **kwargs)

    def rule(self, width_mm: float, available_mm: float, *, flow: _Flow | None = None) -> Paragraph:
        """A centred horizontal line ``width_mm`` long: the top border of a tiny empty paragraph."""
        width_mm = max(8.0, min(width_mm, available_mm))
        paragraph = (flow or self.body).add()
        side = Mm((available_mm - width_mm) / 2)
        fmt = paragraph.paragraph_format
        fmt.left_indent = side
        fmt.right_indent = side
        fmt.space_before = Pt(3)  # clear of the descenders and marks of the line above
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        ppr = paragraph._p.get_or_add_pPr()
        borders = _set_child(ppr, "pBdr", _PPR_ORDER)
        top = OxmlElement("w:top")
        top.set(qn("w:val"), "single")
        top.set(qn("w:sz"), str(int(layout.RULE_WIDTH_PT * 8)))
        top.set(qn("w:space"), "1")
        top.set(qn("w:color"), "auto")
        borders.append(top)
        mark = _set_child(ppr, "rPr", _PPR_ORDER)
        _set_child(mark, "sz", _RPR_ORDER).set(qn("w:val"), "4")
        return paragraph

    # -- tables --------------------------------------------------------------------------------

    def table(self, widths_mm: Sequence[float], *, rows: int = 1, borders: bool = False) -> Table:
        table = self.document.add_table(rows=rows, cols=len(widths_mm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER if borders else WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        tblpr = table._tbl.tblPr
        width = _set_child(tblpr, "tblW", _TBLPR_ORDER)
        width.set(qn("w:w"), str(int(Mm(sum(widths_mm)).twips)))
        width.set(qn("w:type"), "dxa")
        set_table_borders(table, "single" if borders else "nil")
        layout_el = _set_child(tblpr, "tblLayout", _TBLPR_ORDER)
        layout_el.set(qn("w:type"), "fixed")
        margins = _set_child(tblpr, "tblCellMar", _TBLPR_ORDER)
        for side in ("left", "right"):
            margin = OxmlElement(f"w:{side}")
            margin.set(qn("w:w"), str(int(Mm(layout.CELL_MARGIN_MM).twips)))
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        for column, width_mm in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width_mm)
            for cell in column.cells:
                cell.width = Mm(width_mm)
        return table

    def header(self, spec: HeaderSpec) -> Table:
        """Two columns, no borders: issuing body and number left; motto and date right.

        PL I, IV (diagram, cells 1-4) and PL III Mẫu 1.2: the number sits under the issuing
        body and the place and date under the motto, on the same line; a second table row
        keeps them level however many lines the issuing body takes.
        """
        left_mm, right_mm = self.header_columns_mm
        table = self.table((left_mm, right_mm), rows=2)
        inner_left = left_mm - 2 * layout.CELL_MARGIN_MM
        inner_right = right_mm - 2 * layout.CELL_MARGIN_MM

        left = cell_flow(table.cell(0, 0))
        for line in spec.parent_lines:
            self.centred(line, "parent_body", flow=left)
        for line in spec.issuer_lines:
            self.centred(line, "issuing_body", flow=left)
        if spec.party:
            self.centred(layout.PARTY_MARK, "issuing_body", flow=left)
        else:
            issuer = layout.style("issuing_body")
            widest = max(
                (text_width_mm(x.upper(), issuer.size, bold=True) for x in spec.issuer_lines),
                default=inner_left,
            )
            self.rule(widest * layout.SHORT_RULE_RATIO, inner_left, flow=left)

        right = cell_flow(table.cell(0, 1))
        if spec.party:
            motto = layout.style("party_motto")
            self.centred(layout.PARTY_MOTTO, "party_motto", flow=right)
            width = text_width_mm(layout.PARTY_MOTTO, motto.size, bold=True)
        else:
            self.centred(layout.NATIONAL_NAME, "national_name", flow=right)
            self.centred(layout.SLOGAN, "slogan", flow=right)
            width = text_width_mm(layout.SLOGAN, layout.style("slogan").size, bold=True)
        self.rule(width, inner_right, flow=right)

        number = cell_flow(table.cell(1, 0))
        self.centred(spec.number_line, "number", flow=number, space_before=6)
        date = cell_flow(table.cell(1, 1))
        self.centred(spec.place_date_line, "place_date", flow=date, space_before=6)
        return table

    def signature(
        self,
        *,
        recipients: Sequence[str],
        authority: Sequence[str],
        name: str,
        recipients_label: str = layout.RECIPIENTS_LABEL,
    ) -> Table:
        """Recipients left ("Nơi nhận:" level with the signer's authority), signature right."""
        right_mm = layout.SIGNATURE_COLUMNS_MM[1]
        table = self.table((self.text_width_mm - right_mm, right_mm))
        left = cell_flow(table.cell(0, 0))
        if recipients_label:
            self.paragraph(recipients_label, layout.style("recipients_label"), flow=left)
        for line in recipient_items(recipients):
            self.paragraph(line, layout.style("recipients"), flow=left, align=LEFT)
        right = cell_flow(table.cell(0, 1))
        for line in authority:
            self.centred(line, "signature_authority", flow=right)
        for _ in range(layout.SIGNATURE_SPACE_LINES):
            self.paragraph("", layout.style("body"), flow=right)
        self.centred(name, "signer_name", flow=right)
        return table

    def spacer(self, points: float = 6) -> Paragraph:
        paragraph = self.body.add()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = Pt(points)
        return paragraph

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def add_run(paragraph: Paragraph, text: str, text_style: TextStyle):
    run = paragraph.add_run(text.upper() if text_style.upper else text)
    run.font.size = Pt(text_style.size)
    run.font.bold = text_style.bold or None
    run.font.italic = text_style.italic or None
    if text_style.underline:
        run.font.underline = True
    return run


def set_table_borders(table: Table, value: str) -> None:
    """All six borders of the table (``nil``: none, ``single``: a grid)."""
    tblpr = table._tbl.tblPr
    borders = tblpr.find(qn("w:tblBorders"))
    if borders is not None:
        tblpr.remove(borders)
    borders = _set_child(tblpr, "tblBorders", _TBLPR_ORDER)
    for side in BORDER_SIDES:
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "auto")
        borders.append(element)


def recipient_items(lines: Sequence[str]) -> list[str]:
    """ "- item;" lines, the last ending with a full stop (PL I, II.9.d)."""
    items = []
    for i, raw in enumerate(lines):
        text = raw.strip().lstrip("-–+• ").strip()
        if not text:
            continue
        last = i == len(lines) - 1
        if text[-1] not in ".;,:":
            text += "." if last else ";"
        items.append(f"- {text}")
    return items


# -- the legal document ------------------------------------------------------------------------


def end_mark(text: str) -> str:
    """What closes the content: "./." after the last sentence (PL III Mẫu 1.2)."""
    return layout.END_MARK if text.rstrip().endswith(".") else "." + layout.END_MARK


def export_place() -> str:
    return getattr(settings, "DOCUMENTS_EXPORT_PLACE", layout.DEFAULT_PLACE)


def vietnamese_date(day: datetime.date) -> str:
    """ "ngày 06 tháng 5 năm 2015": zero before days under 10 and months 1 and 2 (PL I, II.4.b)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date_line(place: str, day: datetime.date | None, *, year: int | None = None) -> str:
    if day is None:
        blank = "\u00a0" * 6
        return f"{place}, ngày{blank}tháng{blank}năm {year or blank}".rstrip()
    return f"{place}, {vietnamese_date(day)}"


# Collective bodies named before their territory, in exact_form ("Ủy ban" and "Uỷ ban" alike).
_COLLECTIVE = frozenset(map(exact_form, ("Uỷ ban nhân dân", "Hội đồng nhân dân")))
_COLLECTIVE_WORDS = 4
_DEPARTMENT = re.compile(r"^(sở|ban|chi cục|thanh tra|văn phòng)\s", re.I)


def issuer_header_lines(body, province: str) -> tuple[list[str], list[str]]:
    """(parent lines, issuing body lines) of the header (PL I, II.2).

    "Ủy ban nhân dân tỉnh Cao Bằng" is written on two bold lines ("ỦY BAN NHÂN DÂN" / "TỈNH
    CAO BẰNG"); a department of the province gets its governing committee above it, abbreviated
    as the decree allows ("UBND TỈNH CAO BẰNG"); any other body is its name in capitals.
    """
    words = body.name.split()
    name = " ".join(words)
    collective, territory = words[:_COLLECTIVE_WORDS], words[_COLLECTIVE_WORDS:]
    if territory and exact_form(" ".join(collective)) in _COLLECTIVE:
        return [], [" ".join(collective).upper(), " ".join(territory).upper()]
    if _DEPARTMENT.match(name) and not body.is_party_body:
        return [f"UBND TỈNH {province.upper()}"], [name.upper()]
    return [], [name.upper()]


def is_issued(page) -> bool:
    """Issued (or published) in the workflow; a document without a workflow: has a number."""
    from workflow.models import DocumentWorkflow
    from workflow.states import State

    state = (
        DocumentWorkflow.objects.filter(page_id=page.pk).values_list("state", flat=True).first()
        if page.pk
        else None
    )
    if state is not None:
        return state in (State.ISSUED, State.PUBLISHED)
    return bool(page.number and page.issued_on)


def number_line(page, *, issued: bool) -> str:
    party = page.issuing_body.is_party_body
    prefix = "Số " if party else "Số: "
    if issued and page.number:
        return prefix + page.number
    blank = "\u00a0" * 8
    type_code, issuer_code = page.document_type.code, page.issuing_body.code
    if party:
        return f"Số{blank}-{type_code}/{issuer_code}"
    if page.document_type.is_normative:
        year = page.planned_submission.year if page.planned_submission else blank
        return f"Số:{blank}/{year}/{type_code}-{issuer_code}"
    return f"Số:{blank}/{type_code}-{issuer_code}"


_ENACTING = {"quyet dinh": "QUYẾT ĐỊNH:", "nghi quyet": "QUYẾT NGHỊ:"}
_AUTHORITY_PREFIX = re.compile(r"^(tm|kt|q|tl|tuq|t/m)\.?\s+", re.I)


def enacting_formula(page) -> str:
    if page.issuing_body.is_party_body:
        return ""
    return _ENACTING.get(fold(page.document_type.name).strip(), "")


def authority_line(page) -> str:
    """ "THẨM QUYỀN BAN HÀNH" of a decision (PL III Mẫu 1.2).

    Signed for the collective ("TM. ỦY BAN NHÂN DÂN"), or not yet signed: the issuing body.
    Signed by the head in person ("CHỦ TỊCH", or "KT. CHỦ TỊCH" for a deputy): the head's title
    and the body, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CAO BẰNG".
    """
    body = " ".join(page.issuing_body.name.split()).upper()
    lines = page.signer_title_lines()
    if not lines or fold(lines[0]).startswith(("tm", "t/m")):
        return body
    head = _AUTHORITY_PREFIX.sub("", lines[0]).strip().upper()
    return f"{head} {body}"


def signature_authority(page) -> list[str]:
    lines = page.signer_title_lines()
    if lines:
        return [line.upper() for line in lines]
    name = fold(page.issuing_body.name)
    for prefix in ("uy ban nhan dan", "hoi dong nhan dan"):
        if name.startswith(prefix):
            head = page.issuing_body.name.split()[:4]
            return [f"TM. {' '.join(head).upper()}", "CHỦ TỊCH"]
    return ["QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ"]


def export_filename(page) -> str:
    base = page.number if page.number else page.slug
    return (slugify(fold(base).replace("/", "-")) or f"van-ban-{page.pk}") + ".docx"


def export_document(page, *, place: str | None = None) -> bytes:
    """The page as a DOCX in the official layout. A document not yet issued is a draft:
    "DỰ THẢO" under the header, number and date left blank."""
    place = place or export_place()
    issued = is_issued(page)
    builder = DocxBuilder()
    props = builder.document.core_properties
    props.title = page.display_title if issued else page.title
    props.subject = page.summary

    parent, issuer = issuer_header_lines(page.issuing_body, place)
    year = page.planned_submission.year if page.planned_submission else None
    builder.header(
        HeaderSpec(
            parent_lines=parent,
            issuer_lines=issuer,
            number_line=number_line(page, issued=issued),
            place_date_line=place_date_line(place, page.issued_on if issued else None, year=year),
            party=page.issuing_body.is_party_body,
        )
    )
    if not issued:
        builder.centred(layout.DRAFT_MARK, "draft_mark", space_before=12)

    builder.centred(page.document_type.name, "doc_type", space_before=12, keep_with_next=True)
    summary_style = layout.style("summary")
    for line in page.summary.splitlines():
        if line.strip():
            builder.centred(line.strip(), "summary", keep_with_next=True)
    widest = text_width_mm(page.summary, summary_style.size, bold=True)
    builder.rule(
        min(widest, builder.text_width_mm) * layout.SHORT_RULE_RATIO, builder.text_width_mm
    )

    enacting = enacting_formula(page)
    if enacting:
        builder.centred(authority_line(page), "authority", space_before=12, space_after=6)
    else:
        builder.spacer(12)
    preamble_style = layout.style("preamble")
    for line in page.preamble_lines():
        italic = bool(enacting) or fold(line).startswith("can cu")
        builder.body_paragraph(line, preamble_style if italic else layout.style("body"))
    if enacting:
        builder.centred(enacting, "enacting", space_before=6, space_after=6, keep_with_next=True)

    last = write_body(builder, page.body)
    if last is not None:
        text = last.text.rstrip()
        if not text.endswith(layout.END_MARK):
            add_run(last, end_mark(text), layout.style("body"))

    builder.spacer(6)
    builder.signature(
        recipients=page.recipient_lines(),
        authority=signature_authority(page),
        name=page.signer if issued else "",
    )
    return builder.to_bytes()


def write_body(builder: DocxBuilder, body) -> Paragraph | None:
    """Chapters, sections, articles, clauses and points; returns the last text paragraph."""
    last = None
    body_style = layout.style("body")
    heading_style = layout.style("article_heading")
    for block in body:
        value = block.value
        if block.block_type in ("chapter", "section", "part", "subsection"):
            word = {"chapter": "Chương", "section": "Mục", "part": "Phần", "subsection": "Tiểu mục"}
            builder.centred(
                f"{word[block.block_type]} {value['number']}",
                "division_number",
                space_before=12,
                keep_with_next=True,
            )
            if value.get("heading"):
                builder.centred(
                    value["heading"], "division_heading", space_after=6, keep_with_next=True
                )
        elif block.block_type == "article":
            last = _write_article(builder, value, body_style, heading_style) or last
        else:
            text = value if isinstance(value, str) else _text_of(value)
            for line in _lines(text):
                last = builder.body_paragraph(line)
    return last


def _write_article(builder, value, body_style, heading_style) -> Paragraph | None:
    label = f"Điều {value['number']}."
    heading = (value.get("heading") or "").strip()
    text_lines = _lines(value.get("text") or "")
    if heading:
        last = builder.body_paragraph(f"{label} {heading}", heading_style, keep_with_next=True)
    elif text_lines:
        # An article without a heading runs on with its text (PL III Mẫu 1.2: "Điều 1. ...").
        first = text_lines.pop(0)
        last = builder.body_paragraph([(label, heading_style), (" " + first, body_style)])
    else:
        last = builder.body_paragraph(label, heading_style)
    for line in text_lines:
        last = builder.body_paragraph(line)
    for clause in value.get("clauses") or []:
        number = str(clause.get("number") or "").strip()
        clause_lines = _lines(clause.get("text") or "")
        if number:
            first = clause_lines.pop(0) if clause_lines else ""
            last = builder.body_paragraph(f"{number}. {first}".rstrip())
        for line in clause_lines:
            last = builder.body_paragraph(line)
        for point in clause.get("points") or []:
            last = builder.body_paragraph(f"{point['letter']}) {point['text']}")
    return last


def _lines(text: str) -> list[str]:
    return [line.strip() for line in str(text).splitlines() if line.strip()]


def _text_of(value) -> str:
    try:
        return value.get("text") or ""
    except AttributeError:
        return ""
