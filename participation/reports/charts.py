"""The report's two pictures, as PNG bytes: satisfaction per network meeting against the target line,
and meetings held per network and year against the plan's range.

Figures are made with matplotlib's object API on the Agg canvas, never through pyplot's global figure
list, so reports written at the same time in different threads cannot draw into each other's figure.
Labels are in the report's language; decimals are written as the language writes them (4,2 in Finnish).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from participation.i18n import date_text
from participation.reports.model import Report

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

COLOURS = ("#0072c6", "#e8a317", "#009246", "#bd2719", "#9b59b6")  # Helsinki-ish blue, then distinct
TARGET_COLOUR = "#bd2719"
BAND_COLOUR = "#009246"
DPI = 150


@dataclass(frozen=True)
class Charts:
    satisfaction: bytes | None
    meetings: bytes | None

    def pictures(self) -> list[tuple[str, bytes]]:
        """(kind, PNG) for the charts there are: "satisfaction" and "meetings"."""
        found = [("satisfaction", self.satisfaction), ("meetings", self.meetings)]
        return [(kind, png) for kind, png in found if png is not None]


def draw_charts(report: Report) -> Charts:
    return Charts(satisfaction_chart(report), meetings_chart(report))


def satisfaction_chart(report: Report) -> bytes | None:
    """Bars from 1 to each meeting's average on the 1–5 scale, the target as a dashed line; a meeting
    whose poll cannot be shown keeps its place with a note, so no meeting silently disappears."""
    rows = [row for row in report.meetings if row.poll != "none"]
    if not any(row.average is not None for row in rows):
        return None
    text = report.labels
    networks = list(dict.fromkeys(row.network for row in rows))
    figure = _figure(max(7.0, 0.75 * len(rows) + 2))
    axes = figure.add_subplot()
    for index, row in enumerate(rows):
        colour = COLOURS[networks.index(row.network) % len(COLOURS)]
        if row.average is None:
            note = text.poll_open if row.poll == "open" else text.too_few_answers
            axes.text(index, 1.1, note, rotation=90, ha="center", va="bottom", fontsize=7, color="#555555")
            continue
        axes.bar(index, row.average - 1, bottom=1, color=colour, width=0.6)
        axes.text(index, row.average + 0.05, report.fmt(row.average), ha="center", va="bottom", fontsize=8)
    for network in networks:
        axes.bar(0, 0, bottom=1, color=COLOURS[networks.index(network) % len(COLOURS)], label=network)
    target = report.satisfaction_target
    axes.axhline(
        target,
        color=TARGET_COLOUR,
        linestyle="--",
        linewidth=1.5,
        label=text.satisfaction_target.format(value=report.fmt(target)),
    )
    axes.set_ylim(1, 5.4)
    axes.set_yticks([1, 2, 3, 4, 5])
    axes.set_xticks(range(len(rows)))
    axes.set_xticklabels([_day(report, row.day) for row in rows], fontsize=8)
    axes.set_xlim(-0.6, len(rows) - 0.4)
    axes.set_ylabel(text.satisfaction_axis)
    axes.set_title(f"{text.satisfaction_chart} {report.span.replace('-', '–')}")
    _legend_below(axes, len(networks) + 1)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def meetings_chart(report: Report) -> bytes | None:
    """Grouped bars per year, one per network, over the shaded target range."""
    rows = report.held
    if not rows:
        return None
    text = report.labels
    years = sorted({row.year for row in rows})
    networks = list(dict.fromkeys(row.network for row in rows))
    width = 0.8 / len(networks)
    figure = _figure(max(6.0, 1.6 * len(years) + 3))
    axes = figure.add_subplot()
    low, high = report.meetings_target
    axes.axhspan(
        low,
        high,
        color=BAND_COLOUR,
        alpha=0.15,
        label=text.meetings_target.format(low=report.fmt(low), high=report.fmt(high)),
    )
    for offset, network in enumerate(networks):
        counts = {row.year: row.held for row in rows if row.network == network}
        places = [y - 0.4 + width * (offset + 0.5) for y in range(len(years))]
        heights = [counts.get(year, 0) for year in years]
        colour = COLOURS[offset % len(COLOURS)]
        axes.bar(places, heights, width=width * 0.9, color=colour, label=network)
        for place, height in zip(places, heights, strict=True):
            axes.text(place, height + 0.05, str(height), ha="center", va="bottom", fontsize=8)
    top = max([high, *(row.held for row in rows)]) + 1.5
    axes.set_ylim(0, top)
    from matplotlib.ticker import MaxNLocator  # imported when drawing: matplotlib is slow to load

    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xticks(range(len(years)))
    axes.set_xticklabels([str(year) for year in years])
    axes.set_xlabel(text.year)
    axes.set_ylabel(text.meetings_axis)
    axes.set_title(text.meetings_chart)
    _legend_below(axes, len(networks) + 1)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def _figure(width: float) -> Figure:
    """A figure on the Agg canvas, 4.2 inches high."""
    # Imported when a chart is drawn, not at start-up: matplotlib takes a long time and memory to load.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, 4.2), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def _legend_below(axes: Axes, entries: int) -> None:
    """Under the plot, where it covers no bar and no note."""
    axes.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=min(entries, 3), fontsize=8, frameon=False
    )


def _day(report: Report, day: dt.date) -> str:
    shown = date_text(day, report.language)
    return shown if len(report.years) > 1 else shown.rsplit(".", 1)[0] + "."


def _png(figure: Figure) -> bytes:
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    figure.clear()
    return buffer.getvalue()
