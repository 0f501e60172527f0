"""The page's content from the dashboard's read model: the StatusView that `status`, the terminal and
the report draw, with the meetings held per network, the satisfaction figures as chart rows, and (on
the secret-link page only) the evidence. Plain data for the templates: they decide nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from participation.dashboard import IndicatorView, StatusView
from participation.i18n import Gettext, date_text, datetime_text, number_text
from participation.meetings.texts import network_name
from participation.plan.schema import Computation
from web.reads import Evidence
from web.texts import met_text, role_text, state_text, target_text

SATISFACTION = {Computation.NETWORK_SATISFACTION.value, Computation.TRAINING_SATISFACTION.value}
SCALE_TOP = 5.0  # the polls' 1–5 scale


@dataclass(frozen=True)
class Row:
    """One indicator as a table row: every cell already in the page's language."""

    id: str
    text: str
    state: str
    value: str
    target: str
    met: str
    met_flag: bool | None
    answerable: str
    evidence: Evidence | None


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str
    share: float  # of the chart's width, 0–1
    target: float | None = None  # of the chart's width, 0–1: a dashed line
    target_high: float | None = None  # a range's upper end, a second line
    goal: str = "–"


@dataclass
class Page:
    view: StatusView
    secret: bool
    updated: str
    rows: dict[str, list[Row]]  # by measure id
    meetings: list[Bar]
    meetings_target: str
    satisfaction: list[Bar]
    period: str
    deadline: str
    years: list[int] = field(default_factory=list)

    @property
    def meetings_text(self) -> str:
        return _in_words(self.meetings)

    @property
    def satisfaction_text(self) -> str:
        return _in_words(self.satisfaction)


def _in_words(bars: list[Bar]) -> str:
    """A chart's figures as a sentence, its text alternative."""
    return "; ".join(f"{bar.label}: {bar.shown}" for bar in bars)


def page_of(
    view: StatusView,
    _: Gettext,
    zone: dt.tzinfo,
    held: dict[str, int],
    evidence: dict[str, Evidence] | None,
    updated: dt.datetime,
) -> Page:
    language = view.language
    indicators = [i for p in view.priorities for m in p.measures for i in m.indicators]
    meeting_target = next(
        (i.target for i in indicators if i.computed == Computation.NETWORK_MEETINGS.value), None
    )
    top = max([*held.values(), (meeting_target.max if meeting_target else None) or 4, 1])
    return Page(
        view=view,
        secret=evidence is not None,
        updated=datetime_text(updated, language, zone),
        rows={
            m.id: [_row(i, _, language, evidence) for i in m.indicators]
            for p in view.priorities
            for m in p.measures
        },
        meetings=[
            Bar(
                network_name(network, language),
                count,
                str(count),
                count / top,
                _share(meeting_target.min if meeting_target else None, top),
                _share(meeting_target.max if meeting_target else None, top),
                target_text(meeting_target, language),
            )
            for network, count in held.items()
        ],
        meetings_target=target_text(meeting_target, language),
        satisfaction=[
            Bar(
                i.text,
                float(i.value),
                number_text(float(i.value), language),
                float(i.value) / SCALE_TOP,
                _share(i.target.min if i.target else None, SCALE_TOP),
                None,
                target_text(i.target, language),
            )
            for i in indicators
            if i.computed in SATISFACTION and isinstance(i.value, int | float)
        ],
        period=f"{date_text(view.period_start, language)}–{date_text(view.period_end, language)}",
        deadline=date_text(view.next_deadline.due, language) if view.next_deadline else "",
        years=list(range(view.period_start.year, view.period_end.year + 1)),
    )


def _share(value: float | None, top: float) -> float | None:
    return None if value is None else min(value / top, 1.0)


def _row(indicator: IndicatorView, _: Gettext, language: str, evidence: dict[str, Evidence] | None) -> Row:
    return Row(
        id=indicator.id,
        text=indicator.text,
        state=state_text(indicator, _),
        value=indicator.display,
        target=target_text(indicator.target, language),
        met=met_text(indicator.met, _),
        met_flag=indicator.met,
        answerable=role_text(indicator, _),
        evidence=None if evidence is None else evidence.get(indicator.id),
    )
