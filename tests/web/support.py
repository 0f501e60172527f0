"""Reading the progress page as a test does: its indicator rows' cells, and the plan's secret token."""

from __future__ import annotations

from html.parser import HTMLParser

from participation.storage.models import PlanRecord
from tests.support.running import RunningBot

PLAN = "sotepe-2023-2025"


def token(bot: RunningBot, plan: str = PLAN) -> str:
    with bot.runtime.db.session() as session:
        record = session.get(PlanRecord, plan)
        assert record is not None
        return record.page_token


class _Rows(HTMLParser):
    """The cells of every `<tr data-indicator>`, as text, by indicator id."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            key = dict(attrs).get("data-indicator")
            self._row = [] if key else None
            if key:
                self.rows[key] = self._row  # type: ignore[assignment]
        elif tag in {"td", "th"} and self._row is not None:
            self._cell = []
        elif tag == "span" and self._cell is not None:
            self._cell.append("\x00")  # the indicator id after its text: kept apart

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).split("\x00")[0].strip())
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def indicator_rows(html: str) -> dict[str, list[str]]:
    parser = _Rows()
    parser.feed(html)
    return parser.rows
