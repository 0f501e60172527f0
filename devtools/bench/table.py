"""The one table `./dev bench` prints: measure | SQLite | PostgreSQL | baseline | ratio, in Markdown."""

from __future__ import annotations

from devtools.bench.load import Burst

COLUMNS = ("SQLite", "PostgreSQL")


class Table:
    def __init__(self) -> None:
        self._rows: dict[str, dict[str, str]] = {}
        self._floors: dict[str, list[float]] = {}  # the baseline's times for a row, from every backend
        self._p99: dict[str, dict[str, float]] = {}
        self._notes: list[str] = []

    def put(self, row: str, column: str, value: str) -> None:
        self._rows.setdefault(row, {})[column] = value

    def floor(self, row: str, column: str, mine: Burst, floor: Burst) -> None:
        """The baseline app's burst beside the bot's: the ratio is the bot's p99 over the baseline's."""
        self._floors.setdefault(row, []).extend(floor.times_ms)
        self._p99.setdefault(row, {})[column] = mine.p99

    def note(self, text: str) -> None:
        self._notes.append(text)

    def print(self) -> None:
        print("| measure | SQLite | PostgreSQL | baseline | ratio |")
        print("| --- | --- | --- | --- | --- |")
        for row, cells in self._rows.items():
            baseline, ratio = self._baseline(row)
            values = [cells.get(column, "–") for column in COLUMNS]
            print(f"| {row} | {values[0]} | {values[1]} | {baseline} | {ratio} |")
        for text in self._notes:
            print(f"\n{text}")

    def _baseline(self, row: str) -> tuple[str, str]:
        times = self._floors.get(row)
        if not times:
            return "", ""
        whole = Burst(times, 0, 0)
        ratios = [f"{column} {p99 / whole.p99:.1f}×" for column, p99 in self._p99[row].items()]
        return f"{whole.p50:.0f} / {whole.p99:.0f}", ", ".join(ratios)
