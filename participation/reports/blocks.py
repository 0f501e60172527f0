"""The plain document blocks the report is made of; DOCX, HTML and Markdown each only draw these."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    text: str
    url: str | None = None
    note: bool = False  # drawn smaller or in italics: a target, a comment, evidence
    keep: bool = False  # a short value kept on one line ("ei raportoitu" in a narrow column)


Cell = tuple[Line, ...]


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Heading:
    level: int  # 1–3
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    note: bool = False
    strong: bool = False


@dataclass(frozen=True)
class Items:
    items: tuple[Line, ...]
    bullets: bool = True


@dataclass(frozen=True)
class Table:
    """`spans` gives, for each group of rows sharing a first cell, how many rows it covers."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    spans: tuple[int, ...] = ()


@dataclass(frozen=True)
class Picture:
    png: bytes
    caption: str
    name: str


Block = Title | Heading | Paragraph | Items | Table | Picture
