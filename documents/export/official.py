"""The official layout of Vietnamese administrative documents (Decree 30/2020/NĐ-CP, see
``layout`` for each value and its source) on the generic ``docx_builder``.

``OfficialDocument`` is a builder on the decree's page with its blocks: the header (issuing body
and national motto, number and place-date line), centred elements, body text and the signature
with its recipients. The page export (``page_export``) and the reports in ``documents.reports``
write through it.
"""

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from docx.table import Table
from docx.text.paragraph import Paragraph

from cms.models import DeploymentIdentity, IssuingBody
from cms.text import exact_form

from . import layout
from .docx_builder import (
    CENTER,
    JUSTIFY,
    LEFT,
    DocxBuilder,
    PageSetup,
    Properties,
    TextStyle,
    cell_flow,
    text_width_mm,
)

OFFICIAL_PAGE = PageSetup(
    width_mm=layout.PAGE_WIDTH_MM,
    height_mm=layout.PAGE_HEIGHT_MM,
    margins_mm=layout.MARGINS_MM,
    font_name=layout.FONT_NAME,
    language=layout.LANGUAGE,
    body=layout.style("body"),
    first_line_indent_cm=layout.FIRST_LINE_INDENT_CM,
    cell_margin_mm=layout.CELL_MARGIN_MM,
    rule_width_pt=layout.RULE_WIDTH_PT,
    # PL I, I.7: numbered from 1, centred in the top margin, not shown on the first page.
    page_number_size=layout.style("page_number").size,
)


@dataclass(frozen=True)
class HeaderSpec:
    """The header block: issuing body (left) and national motto or Party name (right)."""

    parent_lines: Sequence[str]
    issuer_lines: Sequence[str]
    number_line: str
    place_date_line: str
    party: bool = False


class OfficialDocument(DocxBuilder):
    """A DOCX in the official layout, built paragraph by paragraph."""

    def __init__(self, *, landscape: bool = False) -> None:
        # app.xml names the project as the writing application, in the document's language
        # (Vietnamese, as its core properties say), whatever the visitor's.
        with translation.override(settings.LANGUAGE_CODE):
            application = str(settings.WAGTAIL_SITE_NAME)
        super().__init__(OFFICIAL_PAGE, landscape=landscape, application=application)

    @property
    def header_columns_mm(self) -> tuple[float, float]:
        if not self.landscape:
            return layout.HEADER_COLUMNS_MM
        # Landscape (tables): the same proportions over the wider text area.
        return (self.text_width_mm * 0.4, self.text_width_mm * 0.6)

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

    def title(self, doc_type: str, summary_lines: Sequence[str], *, rule_under: str) -> None:
        """The type's name, the summary under it and a short rule sized on ``rule_under``
        (PL I, II.5.b)."""
        self.centred(doc_type, "doc_type", space_before=12, keep_with_next=True)
        for line in summary_lines:
            self.centred(line, "summary", keep_with_next=True)
        width = text_width_mm(rule_under, layout.style("summary").size, bold=True)
        self.rule(min(width, self.text_width_mm) * layout.SHORT_RULE_RATIO, self.text_width_mm)

    def signature(
        self,
        *,
        recipients: Sequence[str],
        authority: Sequence[str],
        name: str,
    ) -> Table:
        """Recipients left ("Nơi nhận:" level with the signer's authority, only when there are
        recipients), signature right."""
        right_mm = layout.SIGNATURE_COLUMNS_MM[1]
        table = self.table((self.text_width_mm - right_mm, right_mm))
        left = cell_flow(table.cell(0, 0))
        items = recipient_items(recipients)
        if items:
            self.paragraph(layout.RECIPIENTS_LABEL, layout.style("recipients_label"), flow=left)
        for line in items:
            self.paragraph(line, layout.style("recipients"), flow=left, align=LEFT)
        right = cell_flow(table.cell(0, 1))
        for line in authority:
            self.centred(line, "signature_authority", flow=right)
        for _ in range(layout.SIGNATURE_SPACE_LINES):
            self.paragraph("", layout.style("body"), flow=right)
        self.centred(name, "signer_name", flow=right)
        return table


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


def end_mark(text: str) -> str:
    """What closes the content: "./." after the last sentence (PL III Mẫu 1.2)."""
    return layout.END_MARK if text.rstrip().endswith(".") else "." + layout.END_MARK


def document_place(body: IssuingBody, identity: DeploymentIdentity) -> str:
    """The place of the date line (PL I, II.4.a): where the issuing body sits (the capital for a
    central body), else the deployment's place."""
    return body.place or identity.place


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


def issuer_header_lines(
    body: IssuingBody, identity: DeploymentIdentity
) -> tuple[list[str], list[str]]:
    """(parent lines, issuing body lines) of the header (PL I, II.2).

    "Ủy ban nhân dân tỉnh Cao Bằng" is written on two bold lines ("ỦY BAN NHÂN DÂN" / "TỈNH
    CAO BẰNG"); a department of the province gets the province's committee above it,
    abbreviated as the decree allows ("UBND TỈNH CAO BẰNG"); any other body (a central one
    such as "Văn phòng Chính phủ" too) is its name in capitals.
    """
    words = body.name.split()
    name = " ".join(words)
    collective, territory = words[:_COLLECTIVE_WORDS], words[_COLLECTIVE_WORDS:]
    if territory and exact_form(" ".join(collective)) in _COLLECTIVE:
        return [], [" ".join(collective).upper(), " ".join(territory).upper()]
    local = document_place(body, identity) == identity.place
    if _DEPARTMENT.match(name) and local and not body.is_party_body:
        return [identity.committee_short_name.upper()], [name.upper()]
    return [], [name.upper()]


def draft_table_document(
    *,
    title: str,
    draft_title: str,
    agency: IssuingBody,
    identity: DeploymentIdentity,
    today: datetime.date,
) -> OfficialDocument:
    """A landscape table about a draft (comment synthesis, comparison table) up to its first
    paragraph: the agency's header dated at its place, ``title`` over "Dự thảo ``draft_title``"."""
    builder = OfficialDocument(landscape=True)
    builder.properties = Properties(title=f"{title} — {draft_title}", author=agency.name)
    parent, lines = issuer_header_lines(agency, identity)
    builder.header(
        HeaderSpec(
            parent_lines=parent,
            issuer_lines=lines,
            number_line="",
            place_date_line=place_date_line(document_place(agency, identity), today),
            party=agency.is_party_body,
        )
    )
    draft_line = f"Dự thảo {draft_title}"
    builder.title(title, [draft_line], rule_under=draft_line)
    builder.spacer(12)
    return builder
