"""The report as a Word document for the committee: real headings (Title, Heading 1–3), real tables with
a repeating header row, the charts as pictures, A4 pages, and the document's language set so Word's
proofing tools check the Finnish or Swedish text during the read-through."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from participation.reports.blocks import (
    Block,
    Cell,
    Heading,
    Items,
    Line,
    Paragraph,
    Picture,
    Table,
    Title,
)
from participation.reports.charts import Charts
from participation.reports.model import Report
from participation.reports.outline import outline

LOCALES = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}
USABLE_WIDTH_CM = 17.0
NOTE_GREY = RGBColor(0x55, 0x55, 0x55)
LINK_BLUE = "0563C1"


def docx_bytes(report: Report, charts: Charts) -> bytes:
    document = Document()
    _page_and_language(document, report)
    for block in outline(report, charts):
        _draw(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_and_language(document: WordDocument, report: Report) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    properties = document.core_properties
    properties.title = report.title
    properties.author = "Osallisuusbotti"
    properties.language = LOCALES[report.language]
    properties.subject = report.organisation
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    run_properties = normal.element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LOCALES[report.language])
    run_properties.append(language)


def _draw(document: WordDocument, block: Block) -> None:
    if isinstance(block, Title):
        document.add_heading(block.text, level=0)
    elif isinstance(block, Heading):
        document.add_heading(block.text, level=block.level)
    elif isinstance(block, Paragraph):
        run = document.add_paragraph().add_run(block.text)
        run.bold = block.strong or None
        if block.note:
            _as_note(run)
    elif isinstance(block, Items):
        for item in block.items:
            paragraph = document.add_paragraph(style="List Bullet" if block.bullets else None)
            _line(paragraph, item)
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, Picture):
        document.add_picture(io.BytesIO(block.png), width=Cm(USABLE_WIDTH_CM))
        document.add_paragraph(block.caption, style="Caption")


def _as_note(run: Run) -> None:
    run.italic = True
    run.font.color.rgb = NOTE_GREY


def _table(document: WordDocument, block: Table) -> None:
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = document.styles["Table Grid"]
    widths = _widths(len(block.header))
    for column, title in enumerate(block.header):
        cell = table.rows[0].cells[column]
        cell.paragraphs[0].add_run(title).bold = True
    _repeat_header(table.rows[0])
    starts = _group_starts(block)
    for index, row in enumerate(block.rows, start=1):
        for column, content in enumerate(row):
            if column == 0 and block.spans and (index - 1) not in starts:
                continue  # the first cell of a group holds the measure; the rest are merged into it
            _fill(table.rows[index].cells[column], content)
    for start, span in zip(sorted(starts), block.spans, strict=True):
        if span > 1:
            table.cell(start + 1, 0).merge(table.cell(start + span, 0))
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid Word and LibreOffice lay the table out by
    for row in table.rows:
        for column, width in enumerate(widths):
            row.cells[column].width = Cm(width)


def _group_starts(block: Table) -> set[int]:
    starts, row = set(), 0
    for span in block.spans:
        starts.add(row)
        row += span
    return starts


def _widths(columns: int) -> list[float]:
    if columns == 3:
        return [6.0, 6.0, 5.0]
    return [USABLE_WIDTH_CM / columns] * columns


def _repeat_header(row: _Row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _fill(cell: _Cell, content: Cell) -> None:
    for index, line in enumerate(content):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        _line(paragraph, line)


def _line(paragraph: WordParagraph, line: Line) -> None:
    if line.url:
        _hyperlink(paragraph, line.text, line.url)
        return
    run = paragraph.add_run(line.text.replace(" ", "\N{NO-BREAK SPACE}") if line.keep else line.text)
    if line.note:
        _as_note(run)


def _hyperlink(paragraph: WordParagraph, text: str, url: str) -> None:
    """A clickable link: python-docx has no API for one, so the run is built as Word writes it."""
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), LINK_BLUE)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(colour)
    properties.append(underline)
    run.append(properties)
    shown = OxmlElement("w:t")
    shown.text = text
    shown.set(qn("xml:space"), "preserve")
    run.append(shown)
    link.append(run)
    paragraph._p.append(link)
