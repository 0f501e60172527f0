"""The report as one self-contained HTML page that can be published as it is: the style is inline, the
charts are data: URIs, and nothing is loaded from anywhere else. The only addresses in it are the evidence
links people gave, as ordinary links."""

from __future__ import annotations

import base64
from html import escape

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

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.8rem; color: #0000bf; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 2px solid #0000bf; }
h3 { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.92rem; }
th, td { border: 1px solid #999; padding: 0.4rem 0.5rem; vertical-align: top; text-align: left; }
th { background: #e6e6f7; }
td p, th p { margin: 0 0 0.25rem 0; }
.note { color: #555; font-style: italic; }
.plain { list-style: none; padding-left: 0; }
figure { margin: 1.5rem 0; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: #555; }
a:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
td, th { overflow-wrap: break-word; }
@media print {
  body { max-width: none; margin: 0; color: #000; font-size: 10.5pt; }
  h1, h2 { color: #000; border-color: #000; }
  h2, h3 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def html_bytes(report: Report, charts: Charts) -> bytes:
    body = "\n".join(_draw(block) for block in outline(report, charts))
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{report.language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(report.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


def _draw(block: Block) -> str:
    if isinstance(block, Title):
        return f"<h1>{escape(block.text)}</h1>"
    if isinstance(block, Heading):
        return f"<h{block.level + 1}>{escape(block.text)}</h{block.level + 1}>"
    if isinstance(block, Paragraph):
        text = f"<strong>{escape(block.text)}</strong>" if block.strong else escape(block.text)
        return f'<p class="note">{text}</p>' if block.note else f"<p>{text}</p>"
    if isinstance(block, Items):
        kind = "" if block.bullets else ' class="plain"'
        items = "".join(f"<li>{_line(item)}</li>" for item in block.items)
        return f"<ul{kind}>{items}</ul>"
    if isinstance(block, Table):
        return _table(block)
    return _picture(block)


def _table(block: Table) -> str:
    header = "".join(f'<th scope="col">{escape(title)}</th>' for title in block.header)
    starts = _group_starts(block)
    rows = []
    for index, row in enumerate(block.rows):
        cells = []
        for column, content in enumerate(row):
            if column == 0 and block.spans:
                if index not in starts:
                    continue
                span = starts[index]
                cells.append(
                    f'<td rowspan="{span}">{_cell(content)}</td>'
                    if span > 1
                    else f"<td>{_cell(content)}</td>"
                )
            else:
                cells.append(f"<td>{_cell(content)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def _group_starts(block: Table) -> dict[int, int]:
    starts, row = {}, 0
    for span in block.spans:
        starts[row] = span
        row += span
    return starts


def _cell(content: Cell) -> str:
    return "".join(f"<p>{_line(line)}</p>" for line in content)


def _line(line: Line) -> str:
    text = escape(line.text)
    if line.url and line.url.lower().startswith(("https://", "http://")):
        text = f'<a href="{escape(line.url, quote=True)}">{text}</a>'
    return f'<span class="note">{text}</span>' if line.note else text


def _picture(block: Picture) -> str:
    data = base64.b64encode(block.png).decode("ascii")
    caption = escape(block.caption)
    image = f'<img src="data:image/png;base64,{data}" alt="{caption}">'
    return f"<figure>{image}<figcaption>{caption}</figcaption></figure>"
