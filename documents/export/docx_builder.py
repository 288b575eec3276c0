"""A generic DOCX builder over python-docx: page set-up, fonts, paragraphs, runs, tables, rules.

It knows nothing of Vietnamese official documents: ``official`` gives it the page and type of
Decree 30/2020/NĐ-CP and adds the header and signature blocks. What python-docx does not do is
written here against the XML: the font of every script, the language, borderless fixed-width
tables and short horizontal rules, each element placed where the schema wants it.
"""

import datetime
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

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


@dataclass(frozen=True)
class TextStyle:
    size: float
    bold: bool = False
    italic: bool = False
    upper: bool = False
    underline: bool = False


@dataclass(frozen=True)
class PageSetup:
    """The page and the default type of a document."""

    width_mm: float  # portrait; a landscape document swaps width and height
    height_mm: float
    margins_mm: Mapping[str, float]  # top, bottom, left, right
    font_name: str
    language: str
    body: TextStyle  # the Normal style, and the style of a paragraph given none
    first_line_indent_cm: float
    cell_margin_mm: float  # left and right inside table cells
    rule_width_pt: float
    page_number_size: float | None = None  # numbered from the second page, top centre


@dataclass(frozen=True)
class Properties:
    """What the file says about itself (docProps/core.xml and app.xml)."""

    title: str = ""
    subject: str = ""
    author: str = ""  # also "last modified by"
    created: datetime.datetime | None = None  # aware; None: the time of writing


_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>{}</Application><DocSecurity>0</DocSecurity></Properties>"
)


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


def set_fonts(rpr, name: str) -> None:
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
    """A DOCX built paragraph by paragraph on the given page."""

    def __init__(self, setup: PageSetup, *, landscape: bool = False, application: str = "") -> None:
        self.setup = setup
        self.application = application
        self.document = Document()
        self.properties = Properties()
        self.landscape = landscape
        self.body = _Flow(self.document)
        self._setup_section()
        self._setup_styles()

    # -- set-up --------------------------------------------------------------------------------

    @property
    def text_width_mm(self) -> float:
        setup = self.setup
        width = setup.height_mm if self.landscape else setup.width_mm
        return width - setup.margins_mm["left"] - setup.margins_mm["right"]

    def _setup_section(self) -> None:
        setup = self.setup
        section = self.document.sections[0]
        if self.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(setup.height_mm), Mm(setup.width_mm)
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width = Mm(setup.width_mm)
            section.page_height = Mm(setup.height_mm)
        section.top_margin = Mm(setup.margins_mm["top"])
        section.bottom_margin = Mm(setup.margins_mm["bottom"])
        section.left_margin = Mm(setup.margins_mm["left"])
        section.right_margin = Mm(setup.margins_mm["right"])
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        if setup.page_number_size is not None:
            section.different_first_page_header_footer = True
            paragraph = section.header.paragraphs[0]
            paragraph.alignment = CENTER
            field_element = OxmlElement("w:fldSimple")
            field_element.set(qn("w:instr"), "PAGE")
            run = OxmlElement("w:r")
            rpr = OxmlElement("w:rPr")
            size = OxmlElement("w:sz")
            size.set(qn("w:val"), str(int(setup.page_number_size * 2)))
            rpr.append(size)
            run.append(rpr)
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field_element.append(run)
            paragraph._p.append(field_element)

    def _setup_styles(self) -> None:
        setup = self.setup
        styles = self.document.styles
        # Document defaults: the python-docx template points them at theme fonts (Calibri).
        defaults = styles.element.find(qn("w:docDefaults"))
        default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_fonts(default_rpr, setup.font_name)
        self._set_size_and_language(default_rpr, setup.body.size)
        spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")

        normal = styles["Normal"]
        normal.font.name = setup.font_name
        normal.font.size = Pt(setup.body.size)
        rpr = normal.element.get_or_add_rPr()
        set_fonts(rpr, setup.font_name)
        self._set_size_and_language(rpr, setup.body.size)
        fmt = normal.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        for name in ("Header", "Footer"):
            if name in [s.name for s in styles]:
                set_fonts(styles[name].element.get_or_add_rPr(), setup.font_name)

    def _set_size_and_language(self, rpr, size_pt: float) -> None:
        for tag in ("sz", "szCs"):
            _set_child(rpr, tag, _RPR_ORDER).set(qn("w:val"), str(int(size_pt * 2)))
        lang = _set_child(rpr, "lang", _RPR_ORDER)
        lang.set(qn("w:val"), self.setup.language)
        lang.set(qn("w:eastAsia"), self.setup.language)
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
            runs = [(runs, text_style or self.setup.body)]
        for text, run_style in runs:
            add_run(paragraph, text, run_style)
        fmt = paragraph.paragraph_format
        if align is not None:
            paragraph.alignment = align
        if indent:
            fmt.first_line_indent = Cm(self.setup.first_line_indent_cm)
        fmt.space_before = Pt(space_before)
        fmt.space_after = Pt(space_after)
        fmt.line_spacing = line_spacing
        if keep_with_next:
            fmt.keep_with_next = True
        return paragraph

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
        top.set(qn("w:sz"), str(int(self.setup.rule_width_pt * 8)))
        top.set(qn("w:space"), "1")
        top.set(qn("w:color"), "auto")
        borders.append(top)
        mark = _set_child(ppr, "rPr", _PPR_ORDER)
        _set_child(mark, "sz", _RPR_ORDER).set(qn("w:val"), "4")
        return paragraph

    def spacer(self, points: float = 6) -> Paragraph:
        paragraph = self.body.add()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = Pt(points)
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
            margin.set(qn("w:w"), str(int(Mm(self.setup.cell_margin_mm).twips)))
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        for column, width_mm in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width_mm)
            for cell in column.cells:
                cell.width = Mm(width_mm)
        return table

    def _write_properties(self) -> None:
        """Replace every property of python-docx's template (its author, its 2013 dates, "Microsoft
        Macintosh Word", its thumbnail) with the document's own."""
        given = self.properties
        # python-docx writes the time as UTC ("...Z") without converting: convert first.
        when = (given.created or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC)
        core = self.document.core_properties
        core.title, core.subject = given.title, given.subject
        core.author = core.last_modified_by = given.author
        core.created = core.modified = when
        core.language = self.setup.language
        core.comments = core.keywords = core.category = ""
        core.revision = 1
        package = self.document.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[rel_id]
            elif rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = _APP_XML.format(escape(self.application)).encode()

    def to_bytes(self) -> bytes:
        self._write_properties()
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


def repeat_as_header(row) -> None:
    """The table row is repeated at the top of every page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


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
